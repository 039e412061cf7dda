import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { libraryApi, type LibraryProject, type LibraryProjectDetail } from '../api/library';
import { useErrorMessage } from '../hooks/use-error-message';
import { todayIso } from '../hooks/use-working-plan';
import { problemOf } from '../lib/library-form';

interface Values {
  stage: string | undefined;
  date: string | undefined;
  reason: string;
}

/**
 * 变更阶段: moves a project to another stage on a day (a move back needs its reason); each
 * problem the server finds is shown at its field, a 409 (someone moved it first) above them.
 */
export function LibraryStageDialog({
  project,
  stages,
  open,
  onClose,
}: {
  project: LibraryProject;
  stages: LibraryProjectDetail['stages'];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const current = project.history.at(-1)!;
  const at = stages.findIndex((s) => s.id === current.stage);
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  const chosen = Form.useWatch('stage', form);
  const back = chosen !== undefined && stages.findIndex((s) => s.id === chosen) < at;

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await libraryApi.moveStage(project.id, {
        stage: values.stage ?? '',
        date: values.date ?? '',
        ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
        version: project.version,
      });
      await queryClient.invalidateQueries({ queryKey: ['library'] });
      void message.success(t('library.stageDialog.done', { stage: stageName(values.stage ?? '') }));
      form.resetFields();
      onClose();
    } catch (error) {
      if (isApiError(error, 'BAD_INPUT') && error.details.length > 0) {
        const fields = error.details.map((d) => {
          const p = problemOf(d);
          const path = d.path.replace(/^body\./, '');
          const name = path === 'date' ? 'date' : path === 'reason' ? 'reason' : 'stage';
          return { name, errors: [t(`library.form.problem.${p.key}`, p.values)] };
        });
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
      } else {
        setFailure(errorText(error));
        if (isApiError(error, 'CONFLICT')) await queryClient.invalidateQueries({ queryKey: ['library'] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('library.stageDialog.title')}
      okText={t('library.stageDialog.submit')}
      cancelText={t('library.form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('library.stageDialog.current', { stage: stageName(current.stage), date: current.date })}
      </Typography.Paragraph>
      {failure ? (
        <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ stage: undefined, date: todayIso(), reason: '' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="stage"
          label={t('library.stageDialog.stage')}
          rules={[
            { required: true, message: t('library.form.choose', { field: t('library.stageDialog.stage') }) },
          ]}
        >
          <Select
            options={stages
              .filter((s) => s.id !== current.stage)
              .map((s, i) => ({
                value: s.id,
                label: `${s.name}${stages.indexOf(s) < at ? t('library.stageDialog.back') : ''}`,
                key: i,
              }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('library.stageDialog.date')}
          rules={[
            { required: true, message: t('library.form.choose', { field: t('library.stageDialog.date') }) },
          ]}
          getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('library.stageDialog.reason')}
          extra={t('library.stageDialog.reasonHelp')}
          rules={
            back ? [{ required: true, whitespace: true, message: t('library.form.problem.needsReason') }] : []
          }
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
