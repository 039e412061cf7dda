import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { assertEvidenceFile, checkEvidenceFile, mayUseEvidence, sniffFileKind } from './evidence.js';
import type { EvidenceFile } from './evidence.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n%');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function file(fields: Partial<EvidenceFile>): EvidenceFile {
  return { name: '验收报告.pdf', mimeType: 'application/pdf', size: 1024, head: PDF, ...fields };
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('sniffFileKind', () => {
  it('reads the magic bytes', () => {
    expect(sniffFileKind(PDF)).toBe('pdf');
    expect(sniffFileKind(PNG)).toBe('png');
    expect(sniffFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFileKind(ZIP)).toBe('zip');
    expect(sniffFileKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(sniffFileKind(EXE)).toBe('executable');
    expect(sniffFileKind(new TextEncoder().encode('hello'))).toBe('unknown');
    expect(sniffFileKind(new Uint8Array([0x25]))).toBe('unknown');
  });
});

describe('checkEvidenceFile', () => {
  it('passes an allowed file whose content matches, octet-stream counting as undeclared', () => {
    expect(checkEvidenceFile(file({}))).toEqual([]);
    expect(checkEvidenceFile(file({ name: '照片.PNG', mimeType: 'image/png', head: PNG }))).toEqual([]);
    expect(
      checkEvidenceFile(file({ name: '台账.docx', mimeType: 'application/octet-stream', head: ZIP })),
    ).toEqual([]);
    expect(checkEvidenceFile(file({ name: '台账.docx', mimeType: DOCX, head: ZIP }))).toEqual([]);
  });

  it('lists every problem with its path', () => {
    expect(
      checkEvidenceFile(
        file({ name: 'setup.exe', mimeType: 'application/pdf', size: 0, head: EXE }),
        'evidence.2',
      ),
    ).toEqual([
      {
        path: 'evidence.2.name',
        code: 'type',
        message: expect.stringMatching(/^“setup\.exe”的类型\.exe不能作为佐证材料：可上传pdf、jpg、/),
      },
      { path: 'evidence.2.size', message: '“setup.exe”是空文件' },
      { path: 'evidence.2.content', message: '“setup.exe”是可执行程序，不能作为佐证材料' },
    ]);
  });

  it('refuses a declared type or content that does not match the extension', () => {
    expect(checkEvidenceFile(file({ mimeType: 'image/png' }))).toEqual([
      { path: 'mimeType', message: '“验收报告.pdf”的文件类型（image/png）与扩展名.pdf不符' },
    ]);
    expect(checkEvidenceFile(file({ head: PNG }))).toEqual([
      { path: 'content', message: '“验收报告.pdf”的内容不是.pdf文件（实为PNG图片）：请上传原始文件' },
    ]);
  });

  it('refuses a file over the limit and a name with a path', () => {
    expect(checkEvidenceFile(file({ size: 21 * 1024 * 1024 }))).toEqual([
      { path: 'size', message: '“验收报告.pdf”大小为21 MB，超过了20 MB的上限' },
    ]);
    expect(checkEvidenceFile(file({ name: '../etc/a.pdf' }))).toEqual([
      { path: 'name', message: expect.stringMatching(/^文件名不能为空，也不能含路径/) },
    ]);
    const small = {
      maxBytes: 100,
      types: [{ ext: 'pdf', mimeTypes: ['application/pdf'], kind: 'pdf' as const }],
    };
    expect(checkEvidenceFile(file({ size: 101 }), '', small).map((p) => p.path)).toEqual(['size']);
  });
});

describe('assertEvidenceFile', () => {
  it('throws TOO_LARGE for size alone, UNSUPPORTED_FORMAT for type, nothing when fine', () => {
    expect(() => assertEvidenceFile(file({}))).not.toThrow();
    expect(caught(() => assertEvidenceFile(file({ size: 30 * 1024 * 1024 }))).code).toBe('TOO_LARGE');
    expect(caught(() => assertEvidenceFile(file({ name: 'a.pdf', head: EXE }))).code).toBe(
      'UNSUPPORTED_FORMAT',
    );
    expect(
      caught(() => assertEvidenceFile(file({ name: 'run.sh', head: new TextEncoder().encode('#!') }))).code,
    ).toBe('UNSUPPORTED_FORMAT');
    expect(caught(() => assertEvidenceFile(file({ name: 'a/b.pdf' }))).code).toBe('BAD_INPUT');
    expect(caught(() => assertEvidenceFile(file({ name: 'a.pdf', head: EXE }))).message).toBe(
      '“a.pdf”是可执行程序，不能作为佐证材料',
    );
  });
});

describe('file names (issue 12.9)', () => {
  it('refuses bidi and zero-width characters, and names longer than 200 characters', () => {
    for (const name of ['报告\u202efdp.exe.pdf', '台账\u200b.pdf', '\u2066a.pdf', 'a\ufeff.pdf']) {
      expect(checkEvidenceFile(file({ name }), 'file'), JSON.stringify(name)).toContainEqual({
        path: 'file.name',
        message: expect.stringMatching(/^文件名不能为空，也不能含路径/),
      });
    }
    expect(checkEvidenceFile(file({ name: `${'长'.repeat(196)}.pdf` }))).toEqual([]);
    expect(checkEvidenceFile(file({ name: `${'长'.repeat(197)}.pdf` }))).toEqual([
      { path: 'name', message: '文件名不能超过200个字' },
    ]);
  });
});

describe('mayUseEvidence', () => {
  const reporter = { userId: 5, role: 'reporter' as const, unitIds: [11] };
  it('gives a unit its own units’ files and the unit-less files it uploaded, nothing else', () => {
    expect(mayUseEvidence(reporter, { unitId: 11, uploadedBy: 2 })).toBe(true);
    expect(mayUseEvidence(reporter, { unitId: 12, uploadedBy: 5 })).toBe(false);
    expect(mayUseEvidence(reporter, { unitId: null, uploadedBy: 5 })).toBe(true);
    expect(mayUseEvidence(reporter, { unitId: null, uploadedBy: 6 })).toBe(false);
    expect(mayUseEvidence(reporter, { unitId: null, uploadedBy: null })).toBe(false);
  });
  it('gives the plan office and leaders every file of the plan', () => {
    for (const role of ['admin', 'supervisor', 'leader'] as const)
      expect(mayUseEvidence({ userId: 1, role, unitIds: [] }, { unitId: 12, uploadedBy: 6 })).toBe(true);
  });
});
