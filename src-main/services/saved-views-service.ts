// Saved inventory views: save, rename, delete, and share as a file (export, import). A view file is
// checked field by field against SavedViewFile and every problem names its field. Each write goes
// through the write queue with its audit event.
import {
  ApiError,
  SAVED_VIEW_FILE_KIND,
  SAVED_VIEW_FILE_VERSION,
  SavedViewFile,
  type ApiParsedInput,
  type SavedView,
  type SavedViewDefinition,
} from '../../src-shared/api/index.js';
import { appendAuditEvent } from '../db/audit-log.js';
import type { Database } from '../db/database.js';
import { deleteSavedView, findSavedViewByName, getSavedView, insertSavedView, listSavedViews, updateSavedView } from '../db/saved-views-repository.js';
import type { WriteQueue } from './write-queue.js';

export interface SavedViewsServiceDeps {
  db: Database;
  writes: WriteQueue;
  now: () => Date;
  newId: () => string;
}

export interface Actor {
  actor: string;
  correlationId: string;
}

export interface SavedViewsService {
  list(): SavedView[];
  save(input: ApiParsedInput<'views.save'>, by: Actor): Promise<SavedView>;
  rename(input: ApiParsedInput<'views.rename'>, by: Actor): Promise<SavedView>;
  delete(id: string, by: Actor): Promise<{ id: string }>;
  exportFile(id: string): { fileName: string; content: string };
  importFile(input: ApiParsedInput<'views.import'>, by: Actor): Promise<{ view: SavedView; warnings: string[] }>;
}

/** "Plant A: PLCs" → "plant-a-plcs.fieldwise-view.json". */
export function viewFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'view'}.fieldwise-view.json`;
}

/** Parses and checks a view file; a bad one is a bad_request whose details name each field. */
export function parseViewFile(content: string): SavedViewFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError('bad_request', `The view file is not JSON (${reason}). Use a file written by "Export view".`, [{ path: '(file)', message: reason }]);
  }
  const checked = SavedViewFile.safeParse(parsed);
  if (checked.success) return checked.data;
  const details = checked.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.') || '(file)', message: issue.message }));
  const first = details[0] as { path: string; message: string };
  const more = checked.error.issues.length > 1 ? ` (and ${checked.error.issues.length - 1} more)` : '';
  const hint = first.path === 'kind' ? ` A view file starts with "kind": "${SAVED_VIEW_FILE_KIND}".` : '';
  throw new ApiError('bad_request', `The view file is not valid: ${first.path}: ${first.message}${more}.${hint}`, details);
}

export function createSavedViewsService(deps: SavedViewsServiceDeps): SavedViewsService {
  const { db } = deps;
  const iso = () => deps.now().toISOString();

  function audit(by: Actor, action: string, targetId: string, before: unknown, after: unknown): void {
    appendAuditEvent(db, { id: deps.newId(), at: iso(), actor: by.actor, action, targetType: 'saved_view', targetId, before, after, correlationId: by.correlationId });
  }

  function requireView(id: string): SavedView {
    const view = getSavedView(db, id);
    if (!view) throw new ApiError('not_found', `Saved view ${id} does not exist (it may have been deleted); reload the list of views.`);
    return view;
  }

  function requireFreeName(name: string, exceptId: string | null): void {
    const other = findSavedViewByName(db, name);
    if (other && other.id !== exceptId) {
      throw new ApiError('conflict', `A view named "${other.name}" already exists: pick another name, or open that view and save over it.`, [{ path: 'name', message: 'name already in use' }]);
    }
  }

  /** The name itself when free, else "<name> (imported)", "<name> (imported 2)", … */
  function freeName(name: string): string {
    if (!findSavedViewByName(db, name)) return name;
    for (let n = 1; ; n++) {
      const candidate = `${name.slice(0, 85)} (imported${n === 1 ? '' : ` ${n}`})`;
      if (!findSavedViewByName(db, candidate)) return candidate;
    }
  }

  function create(name: string, definition: SavedViewDefinition, by: Actor): SavedView {
    const at = iso();
    const view: SavedView = { id: deps.newId(), name, definition, createdAt: at, updatedAt: at, createdBy: by.actor };
    insertSavedView(db, view);
    return view;
  }

  function unknownSources(definition: SavedViewDefinition): string[] {
    const id = definition.filter.sourceId;
    if (!id) return [];
    const known = db.prepare('SELECT 1 FROM sources WHERE id = ?').get(id);
    return known ? [] : [`The view filters on source ${id}, which this inventory does not have: it shows no assets until you pick another source.`];
  }

  return {
    list: () => listSavedViews(db),

    async save(input, by) {
      return deps.writes.run('views.save', () => {
        if (input.id === undefined) {
          requireFreeName(input.name, null);
          const view = create(input.name, input.definition, by);
          audit(by, 'view.created', view.id, null, { name: view.name, definition: view.definition });
          return view;
        }
        const before = requireView(input.id);
        requireFreeName(input.name, input.id);
        updateSavedView(db, input.id, { name: input.name, definition: input.definition, updatedAt: iso() });
        audit(by, 'view.updated', input.id, { name: before.name, definition: before.definition }, { name: input.name, definition: input.definition });
        return requireView(input.id);
      });
    },

    async rename(input, by) {
      return deps.writes.run('views.rename', () => {
        const before = requireView(input.id);
        requireFreeName(input.name, input.id);
        updateSavedView(db, input.id, { name: input.name, definition: before.definition, updatedAt: iso() });
        audit(by, 'view.renamed', input.id, { name: before.name }, { name: input.name });
        return requireView(input.id);
      });
    },

    async delete(id, by) {
      return deps.writes.run('views.delete', () => {
        const before = requireView(id);
        deleteSavedView(db, id);
        audit(by, 'view.deleted', id, { name: before.name, definition: before.definition }, null);
        return { id };
      });
    },

    exportFile(id) {
      const view = requireView(id);
      const file: SavedViewFile = {
        kind: SAVED_VIEW_FILE_KIND,
        version: SAVED_VIEW_FILE_VERSION,
        name: view.name,
        exportedAt: iso(),
        filter: view.definition.filter,
        sort: view.definition.sort,
        columns: view.definition.columns,
      };
      return { fileName: viewFileName(view.name), content: `${JSON.stringify(file, null, 2)}\n` };
    },

    async importFile(input, by) {
      const file = parseViewFile(input.content);
      const definition: SavedViewDefinition = { filter: file.filter, sort: file.sort, columns: file.columns };
      return deps.writes.run('views.import', () => {
        const wanted = input.name ?? file.name;
        const name = freeName(wanted);
        const warnings = [...unknownSources(definition)];
        if (name !== wanted) warnings.push(`A view named "${wanted}" already exists: the imported one is called "${name}".`);
        const view = create(name, definition, by);
        audit(by, 'view.imported', view.id, null, { name, definition, fileName: file.name });
        return { view, warnings };
      });
    },
  };
}
