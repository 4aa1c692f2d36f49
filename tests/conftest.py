"""Shared fixtures: the fake Telegram Bot API server, settings pointing at it, a corpus database,
and a running Telegram channel. Kept generic so that other channels' and the alerts' tests reuse them."""
from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.fakes.telegram_api import FakeTelegram

ADMIN_ID = 1000


@pytest.fixture
def telegram_api() -> Iterator[FakeTelegram]:
    """A fake Bot API server on 127.0.0.1 (random port), stopped after the test."""
    with FakeTelegram() as api:
        yield api


@pytest.fixture
def telegram_settings(telegram_api: FakeTelegram) -> Settings:
    """Settings for a bot talking to the fake server; chat/user 1000 is an admin."""
    return Settings(telegram_token=telegram_api.token, telegram_api_url=telegram_api.url,
                    admin_chat_ids=frozenset({str(ADMIN_ID)}), rate_limit_per_minute=600)


@pytest.fixture(scope="session")
def corpus_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled directives ingested once per test session (copy it with ``corpus_db``)."""
    from knowledge.corpus import corpus_files
    from knowledge.ingest import ingest_paths
    from knowledge.store import Store

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    store = Store(path)
    ingest_paths(store, corpus_files())
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def corpus_db(corpus_db_template: Path, tmp_path: Path) -> Path:
    """A fresh SQLite file with the bundled directives, for this test alone."""
    dest = tmp_path / "chidao.db"
    shutil.copyfile(corpus_db_template, dest)
    return dest


@pytest.fixture
async def telegram_bot(telegram_api: FakeTelegram, telegram_settings: Settings, corpus_db: Path) -> AsyncIterator:
    """A TelegramChannel polling the fake server over the corpus database; stopped after the test."""
    from knowledge.answer import Engine
    from knowledge.store import Store

    from bot.channels.telegram import TelegramChannel
    from bot.conversation import Conversation

    store = Store(corpus_db)
    channel = TelegramChannel(telegram_settings, store, Conversation(Engine(store)), poll_timeout=1)
    stop = asyncio.Event()
    task = asyncio.create_task(channel.run(stop))
    for _ in range(250):
        if telegram_api.calls_to("getUpdates") or task.done():
            break
        await asyncio.sleep(0.02)
    if task.done():
        task.result()               # raise what went wrong
    yield channel
    stop.set()
    await asyncio.wait_for(task, 10)
    store.close()
