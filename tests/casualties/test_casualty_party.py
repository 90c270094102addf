"""``helpers.casualties.party``: who suffered a figure."""

from __future__ import annotations

import pytest
from _casualty_helpers import one


@pytest.mark.parametrize("text, party", [
    ("The enemy lost 300 soldiers near Bakhmut, the General Staff of Ukraine said.", "russian"),
    ("Over 200 occupiers were eliminated, Zelensky said.", "russian"),
    ("Ukrainian border guards killed 12 invaders near Bakhmut.", "russian"),
    ("Up to 40 Wagner fighters were killed, Ukraine said.", "russian"),
    ("Up to 240 soldiers and mercenaries were eliminated, Russian defence ministry spokesman Igor Konashenkov said.",
     "ukrainian"),
    ("The enemy lost up to 170 servicemen killed and wounded, the Russian Defence Ministry reported.", "ukrainian"),
    ("Six Ukrainian soldiers were wounded when a shell hit their dugout.", "ukrainian"),
    ("Russian shelling kills at least 4 in Kherson, officials say.", "civilian"),
    ("Two residents were wounded by shelling.", "civilian"),
    ("Western officials believe each side has lost around 100,000 soldiers killed or wounded.", "unknown"),
    ("The death toll rose to 12.", "unknown"),
    ("Ukrainian forces killed 200 in the counterattack.", "russian"),
])
def test_party(text, party):
    assert one(text).party == party
