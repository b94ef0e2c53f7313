import { fileURLToPath } from 'node:url';
import { graphqlClient } from '@payrail/api/testing';
import { describeE2e, screenshotPath, useE2eStack } from '@payrail/ui-common/e2e';
import { expect, it } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

describeE2e('admin health page against the real API', () => {
  const stack = useE2eStack(appRoot);

  it('shows the status, database, Temporal and version the API reports', async () => {
    const expected = await graphqlClient(stack().apiUrl)<{ health: { version: string } }>('{ health { version } }');
    const { page, pageErrors } = await stack().newPage();

    await page.goto(stack().appUrl);

    expect(await page.title()).toBe('Payrail Admin');
    const fact = (label: string) => page.locator(`.fact:has(dt:text-is("${label}")) dd`);
    await fact('Database').waitFor();
    expect(await fact('Status').innerText()).toBe('operational');
    expect(await fact('Database').innerText()).toBe('up');
    expect(await fact('Temporal').innerText()).toBe('up');
    expect(await fact('Version').innerText()).toBe(expected.data?.health.version);
    await page.screenshot({ path: await screenshotPath(appRoot, 'admin-health'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('says so, with a way to retry, when the API cannot be reached', async () => {
    const { page, pageErrors } = await stack().newPage();
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));

    await page.goto(stack().appUrl);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The API could not be reached');
    await page.screenshot({ path: await screenshotPath(appRoot, 'admin-health-error'), fullPage: true });

    await page.unroute('**/graphql');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.fact:has(dt:text-is("Database")) dd').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
