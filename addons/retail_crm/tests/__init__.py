from . import test_customer_group
from . import test_demo_shop
from . import test_translations
