from . import test_api
from . import test_conversion
from . import test_counts
from . import test_dashboard
from . import test_import
from . import test_translations
