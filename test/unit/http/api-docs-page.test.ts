import { apiDocsHtml } from '../../../src/adapters/http/api-docs-page';

const doc = {
  info: { title: 'tiaojie', version: '1.0.0', description: 'Needs `Authorization: Bearer <key>`' },
  paths: {
    '/v1/cases/{id}': {
      get: {
        summary: 'A case <b>',
        tags: ['cases'],
        security: [{ bearer: [] }],
        responses: { 200: { description: 'ok' }, 404: { description: 'no such case' } },
      },
    },
    '/healthz': { get: { summary: 'Liveness', tags: ['health'], responses: { 200: { description: 'alive' } } } },
  },
};

describe('the /docs page', () => {
  test('when rendered, then every operation is listed under its tag with its answers', () => {
    const html = apiDocsHtml(doc);
    expect(html).toContain('<h2>cases</h2>');
    expect(html).toContain('<h2>health</h2>');
    expect(html).toContain('<code>/v1/cases/{id}</code>');
    expect(html).toContain('<b>404</b> no such case');
    expect(html).toContain('Bearer key or console session');
  });

  test('when a text holds markup, then it is escaped, and `code` spans become <code>', () => {
    const html = apiDocsHtml(doc);
    expect(html).toContain('A case &lt;b&gt;');
    expect(html).toContain('<code>Authorization: Bearer &lt;key&gt;</code>');
    expect(html).not.toContain('<script');
  });
});
