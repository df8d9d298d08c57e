"""Starts moto's S3 (and IAM) on 127.0.0.1 with an OS-chosen port and request signatures
checked, for the SigV4 tests.

Before checking starts, an IAM user with an access key and a policy allowing S3, and a
bucket, are made; the script then prints one JSON line (the endpoint, the key and the
bucket) and serves until its standard input closes.
"""

import json
import os
import sys

# The first four actions (the user, its key, its policy, the bucket) run
# before signatures are enforced; every later request must be signed by the new key.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"

import boto3  # noqa: E402  (moto reads the variable above when imported)
from moto.server import ThreadedMotoServer  # noqa: E402

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
endpoint = f"http://127.0.0.1:{port}"

setup = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="setup",
    aws_secret_access_key="setup",
)
iam = boto3.client("iam", **setup)
iam.create_user(UserName="integrations-test")
key = iam.create_access_key(UserName="integrations-test")["AccessKey"]
iam.put_user_policy(
    UserName="integrations-test",
    PolicyName="s3",
    PolicyDocument=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
        }
    ),
)
boto3.client("s3", **setup).create_bucket(Bucket="integrations-test")

print(
    json.dumps(
        {
            "endpoint": endpoint,
            "access_key_id": key["AccessKeyId"],
            "secret_access_key": key["SecretAccessKey"],
            "bucket": "integrations-test",
        }
    ),
    flush=True,
)
sys.stdin.read()
server.stop()
