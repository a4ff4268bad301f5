import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../web/i18n.ts';
import { login, makeFixture, type Fixture } from './fixtures.ts';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
  await f.db.run('DELETE FROM sources');
});
afterAll(() => f.db.close());

describe('the sources page of an install with no media sources', () => {
  it('says how to add one, in the page language', async () => {
    const { agent } = await login(f.app, 'admin');
    const page = (await agent.get('/sources?lang=vi')).text;
    expect(page).toContain(t('vi', 'sources.none'));
    expect(page).toContain('mục sources của tệp cấu hình');
    expect((await agent.get('/sources?lang=en')).text).toContain(t('en', 'sources.none'));
  });
});
