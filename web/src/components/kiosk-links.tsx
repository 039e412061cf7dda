import { useState } from 'react';
import { CheckboxGroupField } from './checkbox-group-field';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { promisesApi } from '../api/promises';
import { useErrorMessage } from '../hooks/use-error-message';
import { WALL_VIEWS } from '../../../src/contract/constants';

type WallView = (typeof WALL_VIEWS)[number];

interface Values {
  label: string;
  views: WallView[];
  days: number;
  rotateSeconds: number;
}

/**
 * 大屏链接 (issue 19.3): the plan office opens a read-only link for a wall screen (its views,
 * how long each stays, how many days it works), sees the full link once, lists and revokes them.
 */
export function KioskLinks({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [opened, setOpened] = useState<string>();
  const key = ['kiosks', planId];
  const links = useQuery({ queryKey: key, queryFn: () => promisesApi.kiosks(planId) });
  const open = useMutation({
    mutationFn: (values: Values) => promisesApi.openKiosk(planId, values),
    onSuccess: (issued) => {
      setOpened(`${window.location.origin}${issued.path}`);
      form.resetFields();
      void client.invalidateQueries({ queryKey: key });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => promisesApi.revokeKiosk(planId, id),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} className="lx-cockpit-heading">
          {t('cockpit.kiosk.title')}
        </Typography.Title>
      }
      data-testid="kiosk-links"
    >
      <Typography.Paragraph type="secondary">{t('cockpit.kiosk.intro')}</Typography.Paragraph>
      {opened ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setOpened(undefined)}
          style={{ marginBottom: 16 }}
          title={t('cockpit.kiosk.opened')}
          description={
            <Typography.Text copyable code data-testid="kiosk-url">
              {opened}
            </Typography.Text>
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="inline"
        initialValues={{ views: [...WALL_VIEWS], days: 90, rotateSeconds: 20 }}
        onFinish={(values) => open.mutate(values)}
      >
        <Form.Item
          name="label"
          label={t('cockpit.kiosk.label')}
          rules={[{ required: true, whitespace: true, message: t('cockpit.kiosk.labelRequired') }]}
        >
          <Input maxLength={100} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="views"
          label={t('cockpit.kiosk.views')}
          // A validator, not `required`: antd would set aria-required on the group's plain div.
          rules={[
            {
              validator: (_, value?: WallView[]) =>
                value && value.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('cockpit.kiosk.viewsRequired'))),
            },
          ]}
        >
          <CheckboxGroupField
            options={WALL_VIEWS.map((v) => ({ value: v, label: t(`cockpit.kiosk.view.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="days" label={t('cockpit.kiosk.days')}>
          <InputNumber min={1} max={366} precision={0} />
        </Form.Item>
        <Form.Item name="rotateSeconds" label={t('cockpit.kiosk.rotate')}>
          <InputNumber min={10} max={600} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t('cockpit.kiosk.open')}
        </Button>
      </Form>
      <List
        style={{ marginTop: 16 }}
        size="small"
        loading={links.isPending}
        locale={{ emptyText: t('cockpit.kiosk.empty') }}
        dataSource={links.data?.items ?? []}
        renderItem={(link) => (
          <List.Item
            actions={
              link.revokedAt
                ? []
                : [
                    <Popconfirm
                      key="revoke"
                      title={t('cockpit.kiosk.revokeConfirm')}
                      onConfirm={() => revoke.mutate(link.id)}
                    >
                      <Button size="small">{t('cockpit.kiosk.revoke')}</Button>
                    </Popconfirm>,
                  ]
            }
          >
            <Space wrap>
              <Typography.Text strong>{link.label}</Typography.Text>
              {link.views.map((v) => (
                <Tag key={v}>{t(`cockpit.kiosk.view.${v}`)}</Tag>
              ))}
              {link.revokedAt ? (
                <Tag color="default">{t('cockpit.kiosk.revoked')}</Tag>
              ) : (
                <Typography.Text type="secondary">
                  {t('cockpit.kiosk.expires', { date: link.expiresAt.slice(0, 10) })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
