from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # init.js imports govuk-frontend.min.js; hashing must follow that import (stack.md §2).
    support_js_module_import_aggregation = True
