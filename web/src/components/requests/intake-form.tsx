import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORDER_SOURCES, type Area, type CatalogueRow, type CategorySuggestion } from '../../api/requests';
import {
  EMPTY_INTAKE,
  INTAKE_LIMITS,
  MEDIA_TYPES,
  validateIntake,
  type IntakeField,
  type IntakeProblems,
  type IntakeValues,
} from './intake-validation';

export interface IntakeFormProps {
  rows: CatalogueRow[];
  areas: Area[];
  /** Categories the text suggests (fetched by the page as the text changes), best first. */
  suggestions?: CategorySuggestion[];
  submitting?: boolean;
  /**
   * False while the server offers no upload of media: the picker is then shown disabled with
   * a word why, rather than taking files it would drop.
   */
  mediaEnabled?: boolean;
  /** Called as the text changes, so the page can ask for suggestions. */
  onTextChange?: (text: string) => void;
  /** Called as the street or town changes, so suggestions can name the unit for the place. */
  onAreaChange?: (area: string | undefined) => void;
  onSubmit: (values: IntakeValues, files: File[]) => void;
  /**
   * What stands beside the text as the operator types (the knowledge base's answers, issue 20):
   * given the values so far and `answer`, which checks the form like a submission and hands the
   * values to `onDirectAnswer` with the entry chosen.
   */
  knowledge?: (form: {
    values: IntakeValues;
    hasFiles: boolean;
    answer: (entryId: number) => void;
  }) => ReactNode;
  onDirectAnswer?: (values: IntakeValues, entryId: number) => void;
}

/**
 * The hotline operator's screen: the request's text (with categories suggested from it),
 * category, street/town → community → grid, address, media, the citizen's contact, the two
 * privacy choices and the source. Checks as the operator types: a field shows its problem once
 * touched, submitting shows them all. It fetches nothing.
 */
export function IntakeForm({
  rows,
  areas,
  suggestions,
  submitting,
  mediaEnabled = true,
  onTextChange,
  onAreaChange,
  onSubmit,
  knowledge,
  onDirectAnswer,
}: IntakeFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<IntakeValues>(EMPTY_INTAKE);
  const [files, setFiles] = useState<File[]>([]);
  const [touched, setTouched] = useState<Partial<Record<IntakeField, boolean>>>({});
  const categories = useMemo(() => rows.map((row) => row.category), [rows]);
  const problems: IntakeProblems = useMemo(
    () => validateIntake(values, { categories, areas }),
    [values, categories, areas],
  );
  const area = areas.find((a) => a.name === values.area);
  const topSuggestions = (suggestions ?? []).filter((s) => s.score >= 0.05).slice(0, 3);

  const change = <K extends keyof IntakeValues>(field: K, value: IntakeValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setTouched((previous) => ({ ...previous, [field]: true }));
  };

  const status = (field: IntakeField) => {
    const problem = touched[field] ? problems[field] : undefined;
    return problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : { validateStatus: undefined, help: undefined };
  };

  /** Shows every problem; true when there is none. */
  const checkAll = () => {
    setTouched({
      text: true,
      category: true,
      area: true,
      community: true,
      gridCell: true,
      address: true,
      name: true,
      phone: true,
      email: true,
      files: true,
    });
    return Object.keys(problems).length === 0;
  };

  const submit = () => {
    if (checkAll()) onSubmit(values, files);
  };

  const answer = (entryId: number) => {
    if (checkAll()) onDirectAnswer?.(values, entryId);
  };

  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('requests.intake.title')}>
      <Form.Item label={t('requests.intake.source')}>
        <Radio.Group
          value={values.source}
          onChange={(event) => change('source', event.target.value as IntakeValues['source'])}
          options={ORDER_SOURCES.map((source) => ({ value: source, label: t(`requests.source.${source}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('requests.intake.text')} htmlFor="intake-text" required {...status('text')}>
        <Input.TextArea
          id="intake-text"
          rows={4}
          value={values.text}
          showCount
          maxLength={INTAKE_LIMITS.text + 200}
          placeholder={t('requests.intake.textPlaceholder')}
          onChange={(event) => {
            change('text', event.target.value);
            onTextChange?.(event.target.value);
          }}
        />
      </Form.Item>
      {topSuggestions.length > 0 ? (
        <div style={{ marginTop: -8, marginBottom: 16 }} data-testid="category-suggestions">
          <Typography.Text type="secondary">{t('requests.intake.suggested')} </Typography.Text>
          <Space size={4} wrap>
            {topSuggestions.map((s) => (
              <Button
                key={s.category}
                size="small"
                type={values.category === s.category ? 'primary' : 'default'}
                title={[t('requests.intake.suggestionHint'), ...s.reasons].join(' · ')}
                onClick={() => change('category', s.category)}
              >
                {s.category} {Math.round(s.score * 100)}%
              </Button>
            ))}
          </Space>
        </div>
      ) : null}
      {knowledge?.({ values, hasFiles: files.length > 0, answer })}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('requests.intake.category')}
            htmlFor="intake-category"
            required
            {...status('category')}
          >
            <Select
              id="intake-category"
              showSearch={{ optionFilterProp: 'label' }}
              value={values.category}
              onChange={(value: string) => change('category', value)}
              options={rows.map((row) => ({
                value: row.category,
                label: `${row.category}（${row.group}）`,
                title: row.description,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('requests.intake.area')} htmlFor="intake-area" required {...status('area')}>
            <Select
              id="intake-area"
              showSearch={{ optionFilterProp: 'label' }}
              value={values.area}
              onChange={(value: string) => {
                setValues((previous) => ({ ...previous, area: value, community: undefined }));
                setTouched((previous) => ({ ...previous, area: true }));
                onAreaChange?.(value);
              }}
              options={areas.map((a) => ({ value: a.name, label: a.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('requests.intake.community')}
            htmlFor="intake-community"
            {...status('community')}
          >
            <Select
              id="intake-community"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!area}
              value={values.community}
              onChange={(value: string | undefined) => change('community', value)}
              options={(area?.communities ?? []).map((c) => ({ value: c, label: c }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('requests.intake.grid')} htmlFor="intake-grid" {...status('gridCell')}>
            <Input
              id="intake-grid"
              value={values.gridCell}
              onChange={(event) => change('gridCell', event.target.value)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('requests.intake.address')}
        htmlFor="intake-address"
        required
        {...status('address')}
      >
        <Input
          id="intake-address"
          value={values.address}
          onChange={(event) => change('address', event.target.value)}
        />
      </Form.Item>
      <Form.Item
        label={t('requests.intake.media')}
        extra={
          mediaEnabled
            ? t('requests.intake.mediaHintTypes', { max: INTAKE_LIMITS.media })
            : t('requests.intake.mediaUnavailable')
        }
        {...status('files')}
      >
        <Upload
          disabled={!mediaEnabled}
          multiple
          accept={MEDIA_TYPES.join(',')}
          fileList={values.files.map((f) => ({ uid: f.uid, name: f.name, size: f.size, type: f.type }))}
          beforeUpload={(file) => {
            setFiles((previous) => [...previous, file]);
            setValues((previous) => ({
              ...previous,
              files: [
                ...previous.files,
                { uid: file.uid, name: file.name, type: file.type, size: file.size },
              ],
            }));
            setTouched((previous) => ({ ...previous, files: true }));
            return false;
          }}
          onRemove={(file) => {
            setFiles((previous) => previous.filter((f) => (f as File & { uid?: string }).uid !== file.uid));
            change(
              'files',
              values.files.filter((f) => f.uid !== file.uid),
            );
          }}
        >
          <Button icon={<UploadOutlined />}>{t('requests.intake.media')}</Button>
        </Upload>
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('requests.intake.contact')}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t('requests.intake.name')} htmlFor="intake-name" {...status('name')}>
            <Input
              id="intake-name"
              value={values.name}
              onChange={(event) => change('name', event.target.value)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('requests.intake.phone')} htmlFor="intake-phone" {...status('phone')}>
            <Input
              id="intake-phone"
              inputMode="tel"
              value={values.phone}
              onChange={(event) => change('phone', event.target.value)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('requests.intake.email')} htmlFor="intake-email" {...status('email')}>
            <Input
              id="intake-email"
              inputMode="email"
              value={values.email}
              onChange={(event) => change('email', event.target.value)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('requests.intake.privacy')}>
        <Space orientation="vertical">
          <Checkbox
            checked={values.anonymousToPublic}
            onChange={(event) => change('anonymousToPublic', event.target.checked)}
          >
            {t('requests.intake.anonymousToPublic')}
          </Checkbox>
          <Checkbox
            checked={values.anonymousToUnit}
            onChange={(event) => change('anonymousToUnit', event.target.checked)}
          >
            {t('requests.intake.anonymousToUnit')}
          </Checkbox>
        </Space>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('requests.intake.submit')}
      </Button>
    </Form>
  );
}
