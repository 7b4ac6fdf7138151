"""Serve selected files from node_modules (installed by `npm ci` from package-lock.json).

Each path in settings.NODE_STATIC_FILES (relative to node_modules) is served as
``vendor/<path>``; nothing else under node_modules is collected.
"""

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/"


class NodeModulesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.root = settings.NODE_MODULES_DIR
        # Source maps come along: the manifest storage follows their sourceMappingURL comments.
        self.files = tuple(settings.NODE_STATIC_FILES) + tuple(
            f"{src}.map"
            for src in settings.NODE_STATIC_FILES
            if (self.root / f"{src}.map").exists()
        )
        self.storage = FileSystemStorage(location=str(self.root))
        self.storage.prefix = PREFIX.rstrip("/")

    def check(self, **kwargs):
        missing = [src for src in self.files if not (self.root / src).exists()]
        if missing:
            return [
                Error(
                    f"前端依赖缺失：{', '.join(missing)}",
                    hint="在仓库根目录运行 npm ci（make demo / make test 会自动运行）",
                    id="kechuang.E001",
                )
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        if path.startswith(PREFIX) and path[len(PREFIX) :] in self.files:
            full = str(self.root / path[len(PREFIX) :])
            return [full] if find_all else full
        return []

    def list(self, ignore_patterns):
        for src in self.files:
            if (self.root / src).exists():
                yield src, self.storage
