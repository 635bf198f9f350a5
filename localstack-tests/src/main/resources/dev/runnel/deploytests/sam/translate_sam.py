"""Translates a SAM template into CloudFormation JSON, as `sam package` + the SAM transform would.

Usage: translate_sam.py TEMPLATE CODE_BUCKET CODE_KEY  (needs AWS_DEFAULT_REGION)

Every AWS::Serverless::Function's CodeUri (and Globals.Function.CodeUri) that is a local path or an S3 location is
replaced by {Bucket: CODE_BUCKET, Key: CODE_KEY}, the code uploaded by the caller; the result goes to stdout.
Managed policy names are left as they are (no IAM lookup: nothing leaves the machine).
"""
import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyLookup:
    def load(self):
        return {}


def main(path, bucket, key):
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    code = {"Bucket": bucket, "Key": key}
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = code
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            properties = resource.setdefault("Properties", {})
            if "InlineCode" not in properties and "ImageUri" not in properties:
                if "CodeUri" in properties or "CodeUri" not in function_globals:
                    properties["CodeUri"] = code
    json.dump(transform(template, {}, NoManagedPolicyLookup()), sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:4])
