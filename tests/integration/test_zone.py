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

    def test_today_follows_a_new_zone(self):
        # Two whole-hour zones: B where it is now between midnight and one
        # o'clock, A two hours ahead of it. A skip half an hour before B's
        # midnight is today's in A, yesterday's in B.
        now = int(time.time())
        since_midnight = now % 86400
        zone_b = -(since_midnight // 3600) % 24
        if zone_b > 12:
            zone_b -= 24
        zone_a = zone_b + 2
        skipped_at = now - (since_midnight + zone_b * 3600) % 86400 - 1800
        history = self.path("state", "limber", "history")
        os.makedirs(os.path.dirname(history), mode=0o700)
        with open(history, "w", encoding="utf-8") as f:
            f.write(f"{skipped_at} skipped 1800\n")
        self.move_to(etc_zone(zone_a))
        self.start_limberd()
        self.assertEqual(self.status()["today"]["skipped"], 1)
        self.move_to(etc_zone(zone_b))
        wait_until(lambda: "the time zone is now" in self.daemon_output(),
                   message="limberd saw the new zone")
        self.assertEqual(self.status()["today"]["skipped"], 0)


def etc_zone(hours):
    """The fixed zone @hours ahead of UTC (Etc/ names count the other way)."""
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"


if __name__ == "__main__":
    limbertest.main()
