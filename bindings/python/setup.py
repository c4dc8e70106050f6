"""Builds tempo._tempo with the project's CMake (the target tempo_python) and packages it.

`pip install --no-build-isolation ./bindings/python` runs this in place, so the C++ sources are
the repository's own, two levels up. The build tree is build/pip of the repository (kept between
installs, so a second install is quick; CMAKE_CXX_COMPILER_LAUNCHER=ccache speeds the first).
TEMPO_PYTHON_MODULE=<path of an already built _tempo*.so> packages that module instead of
building one: the test suite uses it to check the installed package without a second build.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
(ROOT / "build").mkdir(exist_ok=True)  # setup.cfg puts setuptools' files there


def version():
    cmake = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(tempo VERSION ([0-9.]+)", cmake).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        prebuilt = os.environ.get("TEMPO_PYTHON_MODULE")
        shutil.copyfile(prebuilt if prebuilt else self.cmake_build(), target)

    def cmake_build(self):
        build = ROOT / "build" / "pip"
        subprocess.check_call([
            "cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DTEMPO_BUILD_TESTS=OFF", "-DTEMPO_BUILD_PYTHON=ON",
            f"-DPython3_EXECUTABLE={sys.executable}"])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.check_call(["cmake", "--build", str(build), "--target", "tempo_python",
                               "--parallel", jobs])
        built = sorted((build / "python" / "tempo").glob("_tempo*.so"))
        if not built:
            raise RuntimeError(f"the CMake build made no _tempo module in {build}/python/tempo")
        return built[0]


setup(
    version=version(),
    packages=["tempo"],
    package_data={"tempo": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("tempo._tempo", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
