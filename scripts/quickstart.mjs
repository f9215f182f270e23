#!/usr/bin/env node
// The main job: start the local simulator, send the reference page's example request for
// ShowBatchRunResult through the typed client, print the result as a table, stop the simulator.
// The request, the project id and the expected answer all come from the bundled OpenAPI document.
import { isDeepStrictEqual } from 'node:util';
import { createPipelineClient } from '@codearts-pipeline/client';
import { dereference, exampleValue, loadBundledDocument, startSimulator } from '@codearts-pipeline/simulator';

const document = loadBundledDocument();
const projectId = dereference(document, document.components.parameters.ProjectId).example;
const requestBody = exampleValue(document, 'ShowBatchRunResult');
const documentedResponse = exampleValue(document, 'ShowBatchRunResult', { status: '200' });

function printTable(rows, columns) {
  const cell = (row, column) => (row[column] === null ? 'null' : String(row[column] ?? ''));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => cell(row, column))));
}

const simulator = await startSimulator({ tokens: ['quickstart-token'] });
let exitCode = 0;
try {
  console.log(`Simulator listening on ${simulator.url}`);
  console.log(`POST /v5/${projectId}/api/pipelines/batch-runs/result (${requestBody.query.length} pipeline/run pairs)\n`);
  const client = createPipelineClient({ endpoint: simulator.url, token: 'quickstart-token' });
  // A failure throws CodeArtsApiError (status, Huawei error code and message, request id).
  const { data } = await client.POST('/v5/{project_id}/api/pipelines/batch-runs/result', {
    params: { path: { project_id: projectId } },
    body: requestBody,
  });
  printTable(data.result ?? [], ['pipeline_name', 'pipeline_id', 'pipeline_run_id', 'status', 'reason']);
  const same = isDeepStrictEqual(data, documentedResponse);
  console.log(`\n${data.result?.length ?? 0} results; ${same ? 'identical to' : 'DIFFERENT FROM'} the example response of the API reference.`);
  if (!same) exitCode = 1;
} catch (error) {
  console.error(`quickstart failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await simulator.close();
}
process.exit(exitCode);
