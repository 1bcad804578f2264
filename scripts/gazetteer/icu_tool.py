"""Runs one of the small ICU programs beside this file (icu_country_names.cpp,
icu_exemplar_cities.cpp, icu_transliterate.cpp): compiles it into a temporary folder with the C++
compiler ($CXX, else c++ or g++) and ICU's pkg-config flags, runs it with
`args` and returns its standard output. The generators take facts from
ICU's locale data this way rather than from typed tables."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run_icu_tool(name, args, stdin=None):
    src = os.path.join(HERE, name + ".cpp")
    cxx = os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")
    if not cxx:
        sys.exit("%s: no C++ compiler for %s.cpp" % (os.path.basename(sys.argv[0]), name))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"],
                           check=True, capture_output=True, text=True).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, name)
        subprocess.run([cxx, "-std=c++17", "-O1", "-o", exe, src] + flags, check=True)
        return subprocess.run([exe] + list(args), check=True, capture_output=True,
                              text=True, input=stdin).stdout
