"""The Python that runtime.mjs runs inside Pyodide under Node to write the runtime's zips.

Run by Pyodide's own Python 3.14 (not the build's CPython), so every .pyc is
compiled by the interpreter that loads it: unchecked hash-based, optimize=2.
It also reports which standard-library modules a runtime has imported, so
only those go into the trimmed library.

Only json and sys (which the engine has already imported) are imported at
the top: this file is loaded into the runtime whose imports it reports, and
must not add to them. Everything else is imported where it is used.
"""

import json
import sys

STAMP = (1980, 1, 1, 0, 0, 0)


def imported_files() -> str:
    """JSON: the file every imported module came from, sorted."""
    origins = {
        getattr(getattr(module, "__spec__", None), "origin", None) or ""
        for module in list(sys.modules.values())
    }
    return json.dumps(sorted(origins))


def _add(archive, name: str, data: bytes) -> None:
    import zipfile

    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9)


def _compiled(source: bytes, display: str) -> bytes:
    import os
    import py_compile

    os.makedirs("/tmp/pyc", exist_ok=True)
    with open("/tmp/pyc/m.py", "wb") as file:
        file.write(source)
    # optimize=2 drops docstrings (and asserts): a quarter fewer bytes to
    # download; the proof run in runtime.mjs checks that no reply changes.
    py_compile.compile(
        "/tmp/pyc/m.py",
        "/tmp/pyc/m.pyc",
        display,
        doraise=True,
        optimize=2,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    with open("/tmp/pyc/m.pyc", "rb") as file:
        return file.read()


def build_engine(engine_dir: str, out_zip: str, engine_path: str) -> None:
    """The engine's package as a zip of .pyc (and its data files), without its cases."""
    import os
    import zipfile

    with zipfile.ZipFile(out_zip, "w") as out:
        for folder, dirs, files in sorted(os.walk(engine_dir)):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "cases"))
            for name in sorted(files):
                full = os.path.join(folder, name)
                member = os.path.relpath(full, os.path.dirname(engine_dir))
                with open(full, "rb") as file:
                    data = file.read()
                if name.endswith(".py"):
                    _add(out, member[:-3] + ".pyc", _compiled(data, f"{engine_path}/{member}"))
                elif not name.endswith((".pyc", ".pyo")):
                    _add(out, member, data)


def build_stdlib(imported: list[str], out_zip: str) -> str:
    """The stock library's modules among ``imported``, as a zip of .pyc; JSON: what it holds."""
    import importlib.util
    import zipfile

    stock_name = "python{}{}.zip".format(*sys.version_info[:2])
    stock_zip = next(p for p in sys.path if p.endswith(stock_name))
    prefix = stock_zip + "/"
    members = sorted({origin[len(prefix) :] for origin in imported if origin.startswith(prefix)})
    with zipfile.ZipFile(stock_zip) as stock, zipfile.ZipFile(out_zip, "w") as out:
        for member in members:
            _add(out, member[:-3] + ".pyc", _compiled(stock.read(member), prefix + member))
    modules = [m[:-3].replace("/", ".").removesuffix(".__init__") for m in members]
    return json.dumps(
        {
            "python": sys.version.split()[0],
            "magic": importlib.util.MAGIC_NUMBER.hex(),
            "modules": modules,
        }
    )
