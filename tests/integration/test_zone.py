#!/usr/bin/python3
"""A traveller's time zone: when the zone file changes under a running
limberd (timedatectl rewrites /etc/localtime; here TZ names a link the test
owns), the times of day follow the new zone without a restart."""

import os
import time

import limbertest
from limbertest import LimberTestCase, wait_until

ZONEINFO = "/usr/share/zoneinfo"


class ZoneChangeTest(LimberTestCase):
    start_daemon = False

    def setUp(self):
        super().setUp()
        self.link = self.path("zone", "localtime")
        os.makedirs(os.path.dirname(self.link))
        os.symlink(f"{ZONEINFO}/Etc/UTC", self.link)
        self.env["TZ"] = f":{self.link}"

    def move_to(self, zone):
        """As timedatectl does: a new link renamed over the old one."""
        new = self.link + ".new"
        os.symlink(f"{ZONEINFO}/{zone}", new)
        os.rename(new, self.link)

    def upcoming_stretch(self):
        return int(self.property("Upcoming").get("stretch", 0))

    def test_times_of_day_follow_a_new_zone(self):
        # The daily stretch two hours from now, in UTC.
        at = time.time() + 2 * 3600
        self.write_config(dict(limbertest.FAST_CONFIG, **{
            "interval-min": "1h", "interval-max": "2h",
            "stretch-at": time.strftime("%H:%M", time.gmtime(at))}))
        self.start_limberd()
        before = wait_until(self.upcoming_stretch, message="the stretch's time")
        self.assertLess(abs(before - at), 61)
        # Etc/GMT+5 is UTC-5 all year: the same time of day comes 5 h later.
        self.move_to("Etc/GMT+5")
        after = wait_until(lambda: (t := self.upcoming_stretch()) != before and t,
                           message="the stretch moved to the new zone")
        self.assertEqual(after - before, 5 * 3600)
        self.assertIn("the time zone is now", self.daemon_output())


if __name__ == "__main__":
    limbertest.main()
