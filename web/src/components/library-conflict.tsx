import { Alert, Button, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LibraryProject } from '../api/library';
import { type EditedField, type ProjectFormValues, formOfProject } from '../lib/library-form';

interface Props {
  /** What the user typed (kept in the form). */
  mine: ProjectFormValues;
  /** The version someone else saved. */
  theirs: LibraryProject;
  /** The fields where what the user typed differs from the saved version. */
  fields: readonly EditedField[];
  /** The fields only the other person changed: the form took theirs. */
  taken: readonly EditedField[];
  /** Shows a value of a field as the office reads it (names, not ids). */
  show: (field: EditedField, values: ProjectFormValues) => string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  busy?: boolean;
}

/**
 * A 409 on saving a project: both versions side by side, field by field, and the two ways out.
 * Nothing the user typed is lost: it stays in the form until they choose.
 */
export function LibraryConflict({
  mine,
  theirs,
  fields,
  taken,
  show,
  onKeepMine,
  onTakeTheirs,
  busy,
}: Props) {
  const { t } = useTranslation();
  const saved = formOfProject(theirs);
  const label = (field: EditedField) => t(`library.form.${field === 'leadUnitId' ? 'leadUnit' : field}`);
  const rows = [
    ...fields.map((field) => ({
      key: field,
      label: label(field),
      mine: show(field, mine),
      theirs: show(field, saved),
    })),
    ...taken.map((field) => ({
      key: field,
      label: label(field),
      mine: t('library.form.takenTheirs'),
      theirs: show(field, saved),
    })),
  ];
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('library.form.conflictTitle')}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('library.form.conflictText')}</span>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            data-testid="conflict-table"
            scroll={{ x: true }}
            columns={[
              { title: t('library.form.conflictField'), dataIndex: 'label' },
              { title: t('library.form.conflictMine'), dataIndex: 'mine' },
              { title: t('library.form.conflictTheirs'), dataIndex: 'theirs' },
            ]}
          />
          <Space wrap>
            <Button type="primary" onClick={onKeepMine} loading={busy}>
              {t('library.form.keepMine')}
            </Button>
            <Button onClick={onTakeTheirs} disabled={busy}>
              {t('library.form.takeTheirs')}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
