"""Calls StopPipelineRun through the official Huawei Cloud Python SDK, signed with AK/SK.

Usage: stop_pipeline_run.py ENDPOINT PROJECT_ID PIPELINE_ID PIPELINE_RUN_ID
Credentials come from HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK (the SDK's own variable names).
Prints the response as JSON on success; on an API error prints {"status", "error_code", "error_msg"}
and exits 1. Used by test/python-peer.test.ts against the local simulator.
"""
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcodeartspipeline.v2 import CodeArtsPipelineClient, StopPipelineRunRequest


def main(endpoint, project_id, pipeline_id, run_id):
    credentials = BasicCredentials(os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"], project_id)
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (
        CodeArtsPipelineClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoints([endpoint])
        .build()
    )
    request = StopPipelineRunRequest(project_id=project_id, pipeline_id=pipeline_id, pipeline_run_id=run_id)
    try:
        response = client.stop_pipeline_run(request)
    except exceptions.ClientRequestException as error:
        print(json.dumps({"status": error.status_code, "error_code": error.error_code, "error_msg": error.error_msg}))
        return 1
    print(json.dumps(response.to_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
