import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VersionedUnit, UnitUsage } from '../api/admin';
import type { UnitKind } from '../api/types';
import { useErrorMessage } from '../hooks/use-error-message';
import {
  deriveAreaChoices,
  deriveMoved,
  deriveRefusal,
  isTerritorial,
  validateUnitArea,
  validateUnitName,
  type AreaChoice,
} from '../lib/units';
import type { Problem } from '../lib/progress';

const KINDS: UnitKind[] = ['department', 'town', 'street', 'enterprise', 'other'];

/** What the rename dialog saves: name and kind, and the area when it changed (null: none). */
export interface UnitEdit {
  name: string;
  kind: UnitKind;
  area?: string | null;
}

/** What the "add a unit" form creates (POST /units): the area only for a street or town office. */
export interface NewUnit {
  name: string;
  kind: UnitKind;
  area?: string;
}

export interface UnitsManagerProps {
  units: VersionedUnit[];
  /** The jurisdiction's streets and towns (GET /requests/areas): a street or town office governs one. */
  areas?: readonly string[];
  loading?: boolean;
  /** Saves a new name, kind or area (the version is the unit's); rejects with the server's error. */
  onRename: (unit: VersionedUnit, patch: UnitEdit) => Promise<unknown>;
  onDelete: (unit: VersionedUnit) => Promise<unknown>;
  /** Moves everything of `unit` to `into`; resolves with what moved. */
  onMerge: (unit: VersionedUnit, into: VersionedUnit) => Promise<{ moved: UnitUsage }>;
}

/** The reasons of a refusal as a list, in the user's words. */
function Reasons({ lines }: { lines: Problem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="lx-refusal" style={{ margin: 0, paddingInlineStart: 20 }}>
      {lines.map((line) => (
        <li key={`${line.key}:${JSON.stringify(line.values ?? {})}`}>{t(line.key, line.values)}</li>
      ))}
    </ul>
  );
}

/** The area a street or town office governs: one a unit governs already is shown, not choosable. */
function AreaSelect(props: {
  id: string;
  value: string | undefined;
  choices: readonly AreaChoice[];
  onChange: (area: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value}
      placeholder={t('admin.areaNone')}
      onChange={props.onChange}
      options={props.choices.map((choice) => ({
        value: choice.area,
        label: choice.governedBy
          ? t('admin.areaGovernedBy', { area: choice.area, name: choice.governedBy.name })
          : choice.area,
        disabled: choice.governedBy !== undefined,
      }))}
    />
  );
}

/**
 * 单位管理: the units with the area each street or town office governs (属地), rename or change
 * of kind or area (checked as the user types), delete (asked first; a refusal shows what still
 * refers to the unit) and merge into another (机构改革). Fetches nothing: the page passes the
 * units, the jurisdiction's areas and the three writes.
 */
export function UnitsManager({ units, areas = [], loading, onRename, onDelete, onMerge }: UnitsManagerProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();

  const [editing, setEditing] = useState<VersionedUnit | undefined>();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>('department');
  const [area, setArea] = useState<string | undefined>();
  const [renameTried, setRenameTried] = useState(false);
  const [renameError, setRenameError] = useState<Problem[] | string | undefined>();
  const [saving, setSaving] = useState(false);

  const [merging, setMerging] = useState<VersionedUnit | undefined>();
  const [into, setInto] = useState<number | undefined>();
  const [mergeTried, setMergeTried] = useState(false);
  const [mergeError, setMergeError] = useState<Problem[] | string | undefined>();

  const nameProblem = editing ? validateUnitName(name, units, editing.id) : undefined;
  // Only a street or town office governs an area: another kind gives its area up.
  const newArea = isTerritorial(kind) ? area : undefined;
  const areaChanged = editing !== undefined && newArea !== editing.area;
  const unchanged =
    editing !== undefined && name.trim() === editing.name && kind === editing.kind && !areaChanged;
  const areaChoices = editing ? deriveAreaChoices(areas, units, editing.id) : [];
  const shownNameProblem =
    nameProblem ?? (renameTried && unchanged ? { key: 'admin.unitUnchanged' } : undefined);

  /** The server's reasons when it gave some, else its error in the user's words. */
  const explain = (error: unknown): Problem[] | string => {
    const lines = deriveRefusal(error);
    return lines.length > 0 ? lines : errorMessage(error);
  };

  const startRename = (unit: VersionedUnit) => {
    setEditing(unit);
    setName(unit.name);
    setKind(unit.kind);
    setArea(unit.area);
    setRenameTried(false);
    setRenameError(undefined);
  };
  const saveRename = async () => {
    setRenameTried(true);
    if (!editing || nameProblem || unchanged) return;
    setSaving(true);
    try {
      // The list may have been read again since the dialog opened (after a 409): its version.
      const patch: UnitEdit = { name: name.trim(), kind };
      if (areaChanged) patch.area = newArea ?? null;
      await onRename(units.find((unit) => unit.id === editing.id) ?? editing, patch);
      void message.success(t('admin.renamed'));
      setEditing(undefined);
    } catch (error) {
      setRenameError(explain(error));
    } finally {
      setSaving(false);
    }
  };

  const askDelete = (unit: VersionedUnit) =>
    modal.confirm({
      title: t('admin.deleteUnit'),
      content: t('admin.deleteConfirm', { name: unit.name }),
      okText: t('admin.deleteUnit'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        onDelete(unit)
          .then(() => void message.success(t('admin.deleted')))
          .catch((error: unknown) => {
            const why = explain(error);
            modal.error({
              title: t('admin.deleteRefused', { name: unit.name }),
              content:
                typeof why === 'string' ? (
                  why
                ) : (
                  <Space orientation="vertical">
                    <Reasons lines={why} />
                    <Typography.Text type="secondary">{t('admin.deleteRefusedHint')}</Typography.Text>
                  </Space>
                ),
              okText: t('common.close'),
            });
          }),
    });

  const startMerge = (unit: VersionedUnit) => {
    setMerging(unit);
    setInto(undefined);
    setMergeTried(false);
    setMergeError(undefined);
  };
  const target = units.find((unit) => unit.id === into);
  const saveMerge = async () => {
    setMergeTried(true);
    if (!merging || !target) return;
    setSaving(true);
    try {
      const { moved } = await onMerge(merging, target);
      const lines = deriveMoved(moved);
      void message.success(
        [
          t('admin.merged', { from: merging.name, into: target.name }),
          ...lines.map((l) => t(l.key, l.values)),
        ].join('；'),
      );
      setMerging(undefined);
    } catch (error) {
      setMergeError(explain(error));
    } finally {
      setSaving(false);
    }
  };

  // Reasons go in a list under `title`; without a title, one reason is the alert's title.
  const errorAlert = (error: Problem[] | string | undefined, title?: string) => {
    if (error === undefined) return null;
    const only =
      typeof error === 'string'
        ? error
        : title === undefined && error.length === 1
          ? t(error[0]!.key, error[0]!.values)
          : undefined;
    return (
      <Alert
        type="error"
        showIcon
        title={only ?? title ?? t('admin.renameUnit')}
        description={only === undefined && typeof error !== 'string' ? <Reasons lines={error} /> : undefined}
      />
    );
  };

  return (
    <>
      <Table<VersionedUnit>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={units}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="units-table"
        columns={[
          { title: 'ID', dataIndex: 'id', width: 64 },
          { title: t('admin.unitName'), dataIndex: 'name' },
          { title: t('admin.unitKind'), dataIndex: 'kind', render: (k: UnitKind) => t(`admin.kinds.${k}`) },
          { title: t('admin.unitArea'), dataIndex: 'area', render: (a: string | undefined) => a ?? '—' },
          {
            title: t('admin.unitActions'),
            key: 'actions',
            render: (_, unit) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  aria-label={`${t('admin.rename')} ${unit.name}`}
                  onClick={() => startRename(unit)}
                >
                  {t('admin.rename')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  aria-label={`${t('admin.merge')} ${unit.name}`}
                  onClick={() => startMerge(unit)}
                  disabled={units.length < 2}
                >
                  {t('admin.merge')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  aria-label={`${t('admin.deleteUnit')} ${unit.name}`}
                  onClick={() => askDelete(unit)}
                >
                  {t('admin.deleteUnit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />

      <Modal
        open={editing !== undefined}
        title={editing ? `${t('admin.renameUnit')} · ${editing.name}` : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void saveRename()}
        onCancel={() => setEditing(undefined)}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('admin.unitName')}
            htmlFor="unit-rename-name"
            required
            validateStatus={shownNameProblem ? 'error' : undefined}
            help={shownNameProblem ? t(shownNameProblem.key, shownNameProblem.values) : undefined}
          >
            <Input
              id="unit-rename-name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setRenameError(undefined);
              }}
              onPressEnter={() => void saveRename()}
            />
          </Form.Item>
          <Form.Item label={t('admin.unitKind')} htmlFor="unit-rename-kind">
            <Select
              id="unit-rename-kind"
              value={kind}
              onChange={(k: UnitKind) => {
                setKind(k);
                setRenameError(undefined);
              }}
              options={KINDS.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))}
            />
          </Form.Item>
          {isTerritorial(kind) ? (
            <Form.Item label={t('admin.unitArea')} htmlFor="unit-rename-area" help={t('admin.areaHelp')}>
              <AreaSelect
                id="unit-rename-area"
                value={area}
                choices={areaChoices}
                onChange={(a) => {
                  setArea(a);
                  setRenameError(undefined);
                }}
              />
            </Form.Item>
          ) : null}
          {errorAlert(renameError)}
        </Form>
      </Modal>

      <Modal
        open={merging !== undefined}
        title={t('admin.mergeUnit')}
        okText={t('admin.merge')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onOk={() => void saveMerge()}
        onCancel={() => setMerging(undefined)}
        confirmLoading={saving}
        destroyOnHidden
      >
        {merging ? (
          <Form layout="vertical" component="div">
            <Typography.Paragraph>{t('admin.mergeExplain', { name: merging.name })}</Typography.Paragraph>
            <Form.Item
              label={t('admin.mergeInto')}
              htmlFor="unit-merge-into"
              required
              validateStatus={mergeTried && !target ? 'error' : undefined}
              help={mergeTried && !target ? t('admin.mergeChoose') : undefined}
            >
              <Select
                id="unit-merge-into"
                showSearch={{ optionFilterProp: 'label' }}
                value={into}
                placeholder={t('admin.mergeChoose')}
                onChange={(id: number) => {
                  setInto(id);
                  setMergeError(undefined);
                }}
                options={units
                  .filter((unit) => unit.id !== merging.id)
                  .map((unit) => ({ value: unit.id, label: unit.name }))}
              />
            </Form.Item>
            {errorAlert(mergeError, t('admin.mergeRefused'))}
          </Form>
        ) : null}
      </Modal>
    </>
  );
}

export interface NewUnitFormProps {
  units: VersionedUnit[];
  /** The jurisdiction's streets and towns (GET /requests/areas): a street or town office governs one. */
  areas?: readonly string[];
  /** Creates the unit; rejects with the server's error. */
  onCreate: (unit: NewUnit) => Promise<unknown>;
}

/**
 * 新增单位: name (checked as typed), kind and — for a street or town office only — the area it
 * governs, from the same choices as the edit dialog (an area another unit governs is shown with
 * that unit and cannot be chosen). Fetches nothing: the page passes the units, areas and write.
 */
export function NewUnitForm({ units, areas = [], onCreate }: NewUnitFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<UnitKind>('department');
  const [area, setArea] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Problem[] | string | undefined>();
  const [saving, setSaving] = useState(false);

  const territorial = isTerritorial(kind);
  const areaChoices = deriveAreaChoices(areas, units);
  const nameProblem = validateUnitName(name, units);
  const areaProblem = validateUnitArea(area, kind, areaChoices);
  const shownNameProblem = touched ? nameProblem : undefined;

  const submit = async () => {
    setTouched(true);
    if (nameProblem || areaProblem) return;
    setSaving(true);
    try {
      const unit: NewUnit = { name: name.trim(), kind };
      // Only a street or town office governs an area: another kind sends none.
      if (territorial && area !== undefined) unit.area = area;
      await onCreate(unit);
      void message.success(t('admin.created'));
      setName('');
      setArea(undefined);
      setTouched(false);
    } catch (failure) {
      const lines = deriveRefusal(failure);
      setError(lines.length > 0 ? lines : errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()}>
      <Form.Item
        label={t('admin.unitName')}
        htmlFor="new-unit"
        required
        validateStatus={shownNameProblem ? 'error' : undefined}
        help={shownNameProblem ? t(shownNameProblem.key, shownNameProblem.values) : undefined}
      >
        <Input
          id="new-unit"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
            setError(undefined);
          }}
        />
      </Form.Item>
      <Form.Item label={t('admin.unitKind')} htmlFor="new-unit-kind">
        <Select
          id="new-unit-kind"
          value={kind}
          onChange={(k: UnitKind) => {
            setKind(k);
            setError(undefined);
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))}
        />
      </Form.Item>
      {territorial ? (
        <Form.Item
          label={t('admin.unitArea')}
          htmlFor="new-unit-area"
          validateStatus={areaProblem ? 'error' : undefined}
          help={areaProblem ? t(areaProblem.key, areaProblem.values) : t('admin.areaHelp')}
        >
          <AreaSelect
            id="new-unit-area"
            value={area}
            choices={areaChoices}
            onChange={(a) => {
              setArea(a);
              setError(undefined);
            }}
          />
        </Form.Item>
      ) : null}
      {error === undefined ? null : (
        <Form.Item>
          <Alert
            type="error"
            showIcon
            title={typeof error === 'string' ? error : t('admin.createUnitRefused')}
            description={typeof error === 'string' ? undefined : <Reasons lines={error} />}
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('admin.createUnit')}
      </Button>
    </Form>
  );
}
