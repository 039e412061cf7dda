// Types of scripts/build.mjs, for the TypeScript that imports it (test/build-setup.ts).
export declare const ROOT: string;
export declare function isFresh(root?: string): boolean;
export declare function build(root?: string, options?: { clean?: boolean }): boolean;
export declare function ensureBuilt(root?: string): boolean;
