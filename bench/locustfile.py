"""Users of the public portal for `bench/load.py`: they browse home, place, partnership and list
pages and search; a second kind of user asks only the trivial view, the baseline."""

from __future__ import annotations

import os
import random

from locust import HttpUser, between, tag, task

PLACES = [int(p) for p in os.environ.get("LOAD_PLACES", "2884509,2938913").split(",")]
QUERIES = ["Krefeld", "Krefled", "Schüleraustausch", "Charlotte", "Dünkirchen", "Partnerschaft", "Venlo"]


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(4)
    def place(self) -> None:
        self.client.get(f"/places/{random.choice(PLACES)}/", name="place")

    @task(2)
    def search(self) -> None:
        self.client.get("/search/", params={"q": random.choice(QUERIES)}, name="search")

    @task(1)
    def statistics(self) -> None:
        self.client.get("/network/statistics/", name="statistics")

    @task(1)
    def health(self) -> None:
        self.client.get("/network/health/", name="health")

    @task(1)
    def api(self) -> None:
        self.client.get("/api/partnerships", params={"limit": 20}, name="api partnerships")


class Baseline(HttpUser):
    wait_time = between(0.5, 2.0)
    weight = 1

    @tag("baseline")
    @task
    def trivial(self) -> None:
        self.client.get("/healthz", name="trivial view")
