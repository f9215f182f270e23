// Tenant-level pipeline templates: stored as written, listed, shown, updated, deleted.
import { newId } from '../ids.js';
import { planFromDefinition } from '../lifecycle.js';
import { page, requireTemplate, sortBy } from './common.js';
import { type Handler, ok } from './types.js';

const CreatePipelineTemplate: Handler = (state, { body }) => {
  const now = state.clock();
  const template_id = newId();
  state.templates.set(template_id, { template_id, settings: { ...body }, create_time: now, update_time: now });
  return ok({ templateId: template_id });
};

const UpdatePipelineTemplate: Handler = (state, { pathParameters, body }) => {
  const template = requireTemplate(state, pathParameters.template_id!);
  template.settings = { ...body };
  template.update_time = state.clock();
  return ok({ templateId: template.template_id });
};

const DeletePipelineTemplate: Handler = (state, { pathParameters }) => {
  const template = requireTemplate(state, pathParameters.template_id!);
  state.templates.delete(template.template_id);
  return ok({ templateId: template.template_id });
};

const ShowPipelineTemplateDetail: Handler = (state, { pathParameters }) => {
  const { template_id, settings } = requireTemplate(state, pathParameters.template_id!);
  const { name, description, language, variables, definition, is_system, domain_id, is_show_source, manifest_version } = settings;
  return ok({
    id: template_id,
    name,
    description,
    language,
    variables,
    definition,
    is_system,
    domain_id,
    is_show_source,
    manifest_version,
    region: 'simulator',
    creator_id: domain_id,
    updater_id: domain_id,
  });
};

const ListPipelineTemplates: Handler = (state, { body }) => {
  const query = body ?? {};
  const matching = [...state.templates.values()].filter(
    ({ settings }) =>
      (query.name === undefined || String(settings.name).includes(query.name)) &&
      (query.language === undefined || settings.language === query.language) &&
      (query.is_system === undefined || settings.is_system === query.is_system),
  );
  const sortKeys: Record<string, (t: (typeof matching)[number]) => string | number> = {
    name: (t) => t.settings.name,
    create_time: (t) => t.create_time,
    update_time: (t) => t.update_time,
  };
  const sorted = sortBy(matching, sortKeys[String(query.sort_key)], query.sort_dir);
  const { items, ...paging } = page(sorted, query.offset, query.limit);
  return ok({
    ...paging,
    templates: items.map(({ template_id, settings }) => ({
      id: template_id,
      name: settings.name,
      description: settings.description,
      language: settings.language,
      manifest_version: settings.manifest_version,
      is_system: settings.is_system,
      is_show_source: settings.is_show_source,
      domain_id: settings.domain_id,
      region: 'simulator',
      stages: planFromDefinition(settings.definition).map((stage, sequence) => ({ name: stage.name, sequence })),
    })),
  });
};

export const templateHandlers: Record<string, Handler> = {
  CreatePipelineTemplate,
  ListPipelineTemplates,
  ShowPipelineTemplateDetail,
  UpdatePipelineTemplate,
  DeletePipelineTemplate,
};
