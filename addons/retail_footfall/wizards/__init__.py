from . import retail_footfall_import
from . import retail_footfall_token
