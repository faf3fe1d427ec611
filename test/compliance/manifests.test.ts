import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifestFolder, renderedManifestEvidence } from '../../lib/compliance/manifests';
import { renderManifests } from '../../lib/k8s/render';
import { exampleModel } from '../helpers/workspace';

describe('manifest evidence', () => {
  const model = exampleModel('starter');

  test('rendered in memory: every object with its cluster, tenant and the file it renders to', () => {
    const objects = renderedManifestEvidence(model);
    const ns = objects.find((m) => m.object.kind === 'Namespace' && m.object.metadata?.name === 'web')!;
    expect(ns).toMatchObject({ environment: 'dev', region: 'eu-west-1', tenant: 'web', path: 'dev/eu-west-1/web/web/manifests.yaml' });
  });

  test('read back from an oaas render folder, the same objects at the same paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
    for (const [file, text] of renderManifests(model)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const read = readManifestFolder(dir);
    const rendered = renderedManifestEvidence(model);
    const key = (m: { path: string; tenant?: string; object: { kind?: string } }) => `${m.path} ${m.tenant ?? ''} ${m.object.kind ?? ''}`;
    expect(read.map(key).sort()).toEqual(rendered.map(key).sort());
    expect(read.some((m) => m.object.kind === 'Kustomization')).toBe(false);
  });

  test('says what to run when the folder is missing', () => {
    expect(() => readManifestFolder(path.join(os.tmpdir(), 'no-such-folder'))).toThrow(/Run oaas render first/);
  });
});
