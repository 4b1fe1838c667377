from . import test_pos_member_tour
