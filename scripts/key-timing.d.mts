import type { Page } from "playwright-core";

export function timeKeys(page: Page, keys: () => Promise<void>): Promise<number[]>;
