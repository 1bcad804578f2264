"""The layout every generated gazetteer file shares: a JSON array with one
compact entry per line, so a diff of a regenerated file shows whole entries.
Written through a temporary file and a rename, so a failed run never leaves
half a gazetteer behind."""
import json
import os


def write_entries(path, entries):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries))
        f.write("\n]\n")
    os.replace(tmp, path)
