"""Presigns an S3 URL with botocore (the AWS SDK for Python) at a fixed time, as an
independent check of the runtime's presigned URLs.

Reads one JSON object from standard input: method, url, access_key_id,
secret_access_key, session_token (or null), region, expires (seconds) and timestamp
(YYYYmmddTHHMMSSZ); prints the presigned URL.
"""

import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

args = json.load(sys.stdin)
fixed = datetime.datetime.strptime(args["timestamp"], "%Y%m%dT%H%M%SZ")


class FixedClock(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return fixed

    @classmethod
    def now(cls, tz=None):
        return fixed.replace(tzinfo=tz) if tz else fixed


# botocore reads the time through its module's `datetime` name.
botocore.auth.datetime.datetime = FixedClock

credentials = Credentials(
    args["access_key_id"], args["secret_access_key"], args.get("session_token")
)
request = AWSRequest(method=args["method"], url=args["url"])
signer = botocore.auth.S3SigV4QueryAuth(
    credentials, "s3", args["region"], expires=args["expires"]
)
signer.add_auth(request)
print(request.url)
