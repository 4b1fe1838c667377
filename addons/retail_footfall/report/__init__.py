from . import retail_footfall_report
from . import retail_footfall_dashboard
