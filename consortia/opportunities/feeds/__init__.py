"""Clients for the UK tender feeds (Find a Tender, Contracts Finder) and the resumable fetch.

`http` is the polite HTTP client, `sources` what differs between the feeds, `fetch` the run
that reads a feed from where it stopped and hands each page to the `Ingester`.
"""

from consortia.opportunities.feeds.fetch import FetchOutcome, fetch_feed
from consortia.opportunities.feeds.http import BrokenResponse, FeedError, FeedPaused, HttpClient
from consortia.opportunities.feeds.sources import FEEDS, ContractsFinder, Feed, FindATender

__all__ = [
    "FEEDS",
    "BrokenResponse",
    "ContractsFinder",
    "Feed",
    "FeedError",
    "FeedPaused",
    "FetchOutcome",
    "FindATender",
    "HttpClient",
    "fetch_feed",
]
