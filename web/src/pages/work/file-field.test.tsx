import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { FileField, fileProblem, LETTER_RULE, SCAN_RULE, type StoredFile } from './file-field';

function Field({ onUpload }: { onUpload: (file: File) => Promise<StoredFile> }) {
  const [value, setValue] = useState<StoredFile | null>(null);
  return (
    <FileField
      id="scan"
      rule={SCAN_RULE}
      value={value}
      onUpload={onUpload}
      uploadError={() => '服务器出错'}
      onChange={setValue}
      buttonKey="work.file.pickScan"
    />
  );
}

async function pick(file: File) {
  const input = document.querySelector('input[type=file]')!;
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

describe('a scan or a letter to attach', () => {
  it('takes a PDF or a photo as a scan and only a .docx as a letter, within 20 MB', () => {
    expect(fileProblem({ name: '批示.PDF', size: 10 }, SCAN_RULE)).toBeUndefined();
    expect(fileProblem({ name: '批示.jpeg', size: 10 }, SCAN_RULE)).toBeUndefined();
    expect(fileProblem({ name: '批示.docx', size: 10 }, SCAN_RULE)).toBe('type');
    expect(fileProblem({ name: '批示', size: 10 }, SCAN_RULE)).toBe('type');
    expect(fileProblem({ name: '批示.pdf', size: 0 }, SCAN_RULE)).toBe('empty');
    expect(fileProblem({ name: '批示.pdf', size: 20 * 1024 * 1024 + 1 }, SCAN_RULE)).toBe('size');
    expect(fileProblem({ name: '答复函.docx', size: 10 }, LETTER_RULE)).toBeUndefined();
    expect(fileProblem({ name: '答复函.pdf', size: 10 }, LETTER_RULE)).toBe('type');
  });

  it('refuses a wrong file before sending it, and says so in the office’s words', async () => {
    const onUpload = vi.fn();
    render(<Field onUpload={onUpload} />);
    await pick(new File(['x'], '批示.docx'));
    expect(onUpload).not.toHaveBeenCalled();
    expect(screen.getByText('文件格式不符：只能上传PDF文件或JPG、PNG图片。')).toBeTruthy();
  });

  it('words the server’s refusal by the rule broken, and names the file stored', async () => {
    const onUpload = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(413, 'TOO_LARGE', '“批示.pdf”大小为21 MB，超过了20 MB的上限'))
      .mockResolvedValueOnce({ id: 7, name: '区委办呈〔2024〕8号批示.pdf' });
    render(<Field onUpload={onUpload} />);
    await pick(new File(['%PDF-'], '批示.pdf'));
    expect(screen.getByText('文件超过20MB，请压缩后重新上传。')).toBeTruthy();
    await pick(new File(['%PDF-'], '区委办呈〔2024〕8号批示.pdf'));
    expect(screen.queryByText('文件超过20MB，请压缩后重新上传。')).toBeNull();
    expect(screen.getByText(/区委办呈〔2024〕8号批示\.pdf/)).toBeTruthy();
  });
});
