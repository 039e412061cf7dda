/**
 * API 令牌: the signed-in user's tokens (purpose, scopes, made, expires; never the secret),
 * a form that makes one (purpose, scopes, days) and shows its secret once, and revoking.
 */
import { CheckboxGroupField } from '../components/checkbox-group-field';
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, TOKEN_SCOPES } from '../../../src/contract/constants';
import { tokensApi, type ApiToken, type ApiTokenInfo, type TokenScope } from '../api/tokens';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { formatDateTime } from '../lib/format';

interface Draft {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
}

export default function TokensPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const client = useQueryClient();
  const [form] = Form.useForm<Draft>();
  const [made, setMade] = useState<ApiToken | undefined>();
  useDocumentTitle(t('tokens.title'));

  const tokens = useQuery({ queryKey: ['tokens'], queryFn: tokensApi.list });
  const refresh = () => client.invalidateQueries({ queryKey: ['tokens'] });
  const create = useMutation({
    mutationFn: tokensApi.create,
    onSuccess: (token) => {
      setMade(token);
      form.resetFields();
      void refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const revoke = useMutation({
    mutationFn: tokensApi.revoke,
    onSuccess: () => {
      void message.success(t('tokens.revoked'));
      void refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const scopeTags = (scopes: TokenScope[]) =>
    scopes.map((scope) => <Tag key={scope}>{t(`tokens.scope.${scope}`)}</Tag>);
  const now = Date.now();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('tokens.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Card title={t('tokens.create')}>
        <Form<Draft>
          form={form}
          layout="vertical"
          initialValues={{ scopes: ['read'], expiresInDays: TOKEN_DAYS_DEFAULT }}
          onFinish={(draft) => create.mutate(draft)}
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
          >
            <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
          >
            <CheckboxGroupField>
              <Space direction="vertical">
                {TOKEN_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope}>
                    {t(`tokens.scope.${scope}`)}
                    <Typography.Text type="secondary">（{t(`tokens.scopeHelp.${scope}`)}）</Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </CheckboxGroupField>
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('tokens.days')}
            extra={t('tokens.daysHelp', { default: TOKEN_DAYS_DEFAULT, max: TOKEN_DAYS_MAX })}
          >
            <InputNumber min={1} max={TOKEN_DAYS_MAX} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('tokens.submit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('tokens.list')}>
        {tokens.isError ? (
          <ErrorView error={tokens.error} />
        ) : (
          <Table<ApiTokenInfo>
            rowKey="id"
            loading={tokens.isLoading}
            dataSource={tokens.data ?? []}
            pagination={false}
            locale={{ emptyText: t('tokens.none') }}
            columns={[
              { title: t('tokens.name'), dataIndex: 'name' },
              { title: t('tokens.scopes'), render: (_v, token) => scopeTags(token.scopes) },
              { title: t('tokens.createdAt'), render: (_v, token) => formatDateTime(token.createdAt, lang) },
              {
                title: t('tokens.expiresAt'),
                render: (_v, token) =>
                  token.expiresAt === null ? (
                    t('tokens.noExpiry')
                  ) : Date.parse(token.expiresAt) <= now ? (
                    <Tag color="red">{t('tokens.expired')}</Tag>
                  ) : (
                    formatDateTime(token.expiresAt, lang)
                  ),
              },
              {
                title: '',
                render: (_v, token) => (
                  <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutate(token.id)}>
                    <Button danger size="small">
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Card>
      {/* Unmounted once closed: the secret leaves the page with the dialog. */}
      {made && (
        <Modal
          open
          title={t('tokens.created')}
          closable={false}
          maskClosable={false}
          footer={
            <Button type="primary" onClick={() => setMade(undefined)}>
              {t('tokens.close')}
            </Button>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('tokens.secretOnce')} />
            <Typography.Text strong>{made.name}</Typography.Text>
            <div>{scopeTags(made.scopes)}</div>
            <Typography.Paragraph copyable={{ text: made.token }} code data-testid="token-secret">
              {made.token}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('tokens.expiresAt')}：{formatDateTime(made.expiresAt, lang)}
            </Typography.Text>
          </Space>
        </Modal>
      )}
    </Space>
  );
}
