import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { JURISDICTION, type WorkOrder } from '../../api/requests';
import { IntakeForm } from '../../components/requests/intake-form';
import { toIntake } from '../../components/requests/intake-validation';
import { suggestByKeywords } from '../../components/requests/suggest';
import { useCatalogueRows, useCreateOrder } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';

/** 受理登记: the hotline operator's screen. */
export default function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const create = useCreateOrder();
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<WorkOrder | undefined>();
  const [formKey, setFormKey] = useState(0);
  const rows = useCatalogueRows();
  const suggestions = useMemo(() => suggestByKeywords(text, rows), [text, rows]);
  useDocumentTitle(t('requests.intake.title'));

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.intake.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.intake.intro')}</Typography.Paragraph>
      {saved ? (
        <Result
          status="success"
          title={t('requests.intake.saved', { id: saved.id })}
          extra={
            <Space>
              <Link to={`/requests/orders/${saved.id}`}>
                <Button type="primary">{t('requests.intake.openOrder')}</Button>
              </Link>
              <Button
                onClick={() => {
                  setSaved(undefined);
                  setText('');
                  setFormKey((k) => k + 1);
                }}
              >
                {t('requests.intake.another')}
              </Button>
            </Space>
          }
        />
      ) : (
        <>
          {create.isError ? (
            <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <IntakeForm
            key={formKey}
            rows={rows}
            mediaEnabled={false}
            areas={JURISDICTION.areas}
            suggestions={suggestions}
            submitting={create.isPending}
            onTextChange={setText}
            onSubmit={(values) =>
              create.mutate(toIntake(values), {
                onSuccess: (order) => {
                  setSaved(order);
                  void message.success(t('requests.intake.saved', { id: order.id }));
                },
              })
            }
          />
        </>
      )}
    </Card>
  );
}
