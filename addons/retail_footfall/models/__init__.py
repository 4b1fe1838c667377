from . import retail_footfall_zone
from . import retail_footfall_counter
from . import retail_footfall_count
from . import retail_footfall_hour
from . import retail_footfall_gap
from . import retail_footfall_demo_data
