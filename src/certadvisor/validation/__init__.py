"""Checking any certadvisor file and printing the JSON Schemas of the file kinds."""

from certadvisor.validation.files import validate_file
from certadvisor.validation.schemas import json_schema

__all__ = ["json_schema", "validate_file"]
