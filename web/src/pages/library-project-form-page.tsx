import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { libraryApi, type LibraryProject } from '../api/library';
import { ErrorView } from '../components/error-view';
import { LibraryConflict } from '../components/library-conflict';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLibraryBoard, useLibraryProject } from '../hooks/use-library';
import { useUnits } from '../hooks/use-plan-data';
import { todayIso } from '../hooks/use-working-plan';
import {
  EDITED_FIELDS,
  type EditedField,
  type ProjectFormValues,
  changedFields,
  createBody,
  emptyProjectForm,
  formOfProject,
  patchBody,
  problemOf,
} from '../lib/library-form';

const dateProps = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

type Names = { library: (c: string) => string; stage: (s: string) => string; unit: (id: number) => string };

/** The form itself, for a new project (`saved` undefined) or the saved one. */
function ProjectForm({ saved, names }: { saved: LibraryProject | undefined; names: Names }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const board = useLibraryBoard();
  const units = useUnits();
  const [form] = Form.useForm<ProjectFormValues>();
  const [base, setBase] = useState(saved);
  const [conflict, setConflict] = useState<LibraryProject | undefined>();
  /** On a 409: the fields only the other person changed (taken into the form). */
  const [taken, setTaken] = useState<EditedField[]>([]);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => (saved ? formOfProject(saved) : emptyProjectForm(todayIso())), [saved]);
  const label = (f: string) => t(`library.form.${f}`);

  const show = (field: EditedField, v: ProjectFormValues): string => {
    const empty = t('library.form.empty');
    switch (field) {
      case 'library':
        return v.library ? names.library(v.library) : empty;
      case 'leadUnitId':
        return v.leadUnitId === null ? empty : names.unit(v.leadUnitId);
      case 'aliases':
        return v.aliases.join('、') || empty;
      case 'class':
        return t(`library.form.class${v.class}`);
      case 'annualPlans':
        return (
          v.annualPlans
            .filter((a) => a.year !== null)
            .map((a) => `${a.year}年 ${a.planned ?? '—'}`)
            .join('；') || empty
        );
      default: {
        const value = v[field];
        return value === null || value === '' ? empty : String(value);
      }
    }
  };

  const showProblems = (error: unknown) => {
    if (!isApiError(error, 'BAD_INPUT') || error.details.length === 0) {
      setFailure(errorText(error));
      return;
    }
    const problems = error.details.map(problemOf);
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    const other: string[] = [];
    for (const p of problems) {
      const text = t(`library.form.problem.${p.key}`, p.values);
      if (!p.name) other.push(text);
      else {
        const key = p.name.join('.');
        const entry = byField.get(key) ?? { name: p.name, errors: [] };
        entry.errors.push(text);
        byField.set(key, entry);
      }
    }
    form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
    setUnplaced(other);
    const first = [...byField.values()][0];
    if (first) form.scrollToField(first.name as Parameters<typeof form.scrollToField>[0]);
  };

  const afterSave = async (project: LibraryProject, created: boolean) => {
    await queryClient.invalidateQueries({ queryKey: ['library'] });
    void message.success(t(created ? 'library.form.created' : 'library.form.saved'));
    navigate(`/library/projects/${project.id}`);
  };

  /** On a 409: the fields the user did not touch take the new version; what they typed stays. */
  const onConflict = async (from: LibraryProject) => {
    const fresh = (await libraryApi.project(from.id)).project;
    const values = form.getFieldsValue(true) as ProjectFormValues;
    const edited = new Set(changedFields(values, from));
    const theirs = formOfProject(fresh);
    const merged: Partial<ProjectFormValues> = {};
    for (const f of EDITED_FIELDS) if (!edited.has(f)) (merged as Record<string, unknown>)[f] = theirs[f];
    form.setFieldsValue(merged);
    setTaken(changedFields(formOfProject(from), fresh).filter((f) => !edited.has(f)));
    setBase(fresh);
    setConflict(fresh);
  };

  const save = async (against: LibraryProject | undefined) => {
    setBusy(true);
    setFailure(undefined);
    setUnplaced([]);
    const values = form.getFieldsValue(true) as ProjectFormValues;
    try {
      if (!against) await afterSave(await libraryApi.create(createBody(values)), true);
      else
        await afterSave(
          await libraryApi.update(against.id, patchBody(values, against, against.version)),
          false,
        );
      setConflict(undefined);
    } catch (error) {
      if (against && isApiError(error, 'CONFLICT'))
        await onConflict(against).catch((e: unknown) => setFailure(errorText(e)));
      else showProblems(error);
    } finally {
      setBusy(false);
    }
  };

  const conflictFields = conflict
    ? changedFields(form.getFieldsValue(true) as ProjectFormValues, conflict)
    : [];
  const libraries = board.data?.libraries ?? [];
  const stages = board.data?.stages ?? [];
  const required = (f: string, choose = false) => [
    {
      required: true,
      message: t(choose ? 'library.form.choose' : 'library.form.required', { field: label(f) }),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {conflict ? (
        <LibraryConflict
          mine={form.getFieldsValue(true) as ProjectFormValues}
          theirs={conflict}
          fields={conflictFields}
          taken={taken}
          show={show}
          busy={busy}
          onKeepMine={() => void save(conflict)}
          onTakeTheirs={() => {
            form.setFieldsValue(formOfProject(conflict));
            setConflict(undefined);
          }}
        />
      ) : null}
      {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
      {unplaced.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('library.form.notFixed')}
          description={
            <ul className="lx-plain-list">
              {unplaced.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form<ProjectFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={() => void save(conflict ?? base)}
        scrollToFirstError
        style={{ maxWidth: 760 }}
      >
        <Form.Item name="name" label={label('name')} rules={required('name')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="aliases" label={label('aliases')} extra={t('library.form.aliasesHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['、', '，', ',']} />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item name="library" label={label('library')} rules={required('library', true)}>
            <Select
              style={{ minWidth: 200 }}
              options={libraries.map((l) => ({ value: l.code, label: l.name }))}
            />
          </Form.Item>
          <Form.Item name="class" label={label('class')}>
            <Select
              style={{ minWidth: 120 }}
              options={(['A', 'B', 'C'] as const).map((c) => ({
                value: c,
                label: t(`library.form.class${c}`),
              }))}
            />
          </Form.Item>
        </Space>
        {saved ? (
          <Typography.Paragraph data-testid="stage-fixed">
            {t('library.form.stageFixed', {
              stage: names.stage(saved.history.at(-1)?.stage ?? ''),
              date: saved.history.at(-1)?.date ?? '',
            })}
          </Typography.Paragraph>
        ) : (
          <Space wrap size="large" align="start">
            <Form.Item name="stage" label={label('stage')} rules={required('stage', true)}>
              <Select
                style={{ minWidth: 200 }}
                options={stages.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item
              name="stageDate"
              label={label('stageDate')}
              rules={required('stageDate', true)}
              {...dateProps}
            >
              <DatePicker />
            </Form.Item>
          </Space>
        )}
        <Space wrap size="large" align="start">
          <Form.Item name="totalInvestment" label={label('totalInvestment')}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="leadUnitId" label={label('leadUnit')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 220 }}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="leader" label={label('leader')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="parcel" label={label('parcel')}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{label('annualPlans')}</Typography.Text>
        <Form.List name="annualPlans">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item name={[field.name, 'year']} label={label('year')}>
                    <InputNumber min={2000} max={2100} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'planned']} label={label('planned')}>
                    <InputNumber min={0} style={{ width: 180 }} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                    {t('library.form.removeYear')}
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add({ year: Number(todayIso().slice(0, 4)), planned: null })}>
                  {t('library.form.addYear')}
                </Button>
              </Form.Item>
            </div>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={conflict !== undefined}>
            {t('library.form.save')}
          </Button>
          <Link to={saved ? `/library/projects/${saved.id}` : '/library'}>{t('library.form.cancel')}</Link>
        </Space>
      </Form>
    </Space>
  );
}

/** 新增入库项目 (/library/new) and 修改项目信息 (/library/projects/:projectId/edit). */
export default function LibraryProjectFormPage() {
  const { t } = useTranslation();
  const raw = useParams().projectId;
  const id = raw === undefined ? 0 : Number(raw);
  const detail = useLibraryProject(Number.isInteger(id) ? id : 0);
  const board = useLibraryBoard();
  const units = useUnits();
  const saved = detail.data?.project;
  const title = saved ? t('library.form.editTitle', { name: saved.name }) : t('library.form.newTitle');
  useDocumentTitle(title);
  if (detail.isError) return <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />;
  if (board.isError) return <ErrorView error={board.error} onRetry={() => void board.refetch()} />;
  if ((id > 0 && !saved) || !board.data) return <Card loading />;
  const unitNames = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const names: Names = {
    library: (c) => board.data.libraries.find((l) => l.code === c)?.name ?? c,
    stage: (s) => board.data.stages.find((x) => x.id === s)?.name ?? s,
    unit: (u) => unitNames.get(u) ?? '—',
  };
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.form.intro')}</Typography.Paragraph>
      <ProjectForm key={saved ? `${saved.id}` : 'new'} saved={saved} names={names} />
    </Card>
  );
}
