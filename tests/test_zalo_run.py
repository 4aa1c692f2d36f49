"""`chidao run` with only ZALO_BOT_TOKEN and ZALO_API_URL set answers over Zalo from the bundled directives."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.fakes.zalo_api import FakeZalo


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
async def test_chidao_run_with_only_the_zalo_settings(tmp_path):
    with FakeZalo(idle_wait=0.2) as api:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "CHIDAO_", "ADMIN_"))}
        env.update(ZALO_BOT_TOKEN=api.token, ZALO_API_URL=api.url,
                   CHIDAO_DATA_DIR=str(tmp_path / "data"))          # keep the default database out of $HOME
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            api.message("u1", "xa hop thanh phai lam gi")
            api.message("u1", "Văn bản 276/UBND-NV do ai ký?")
            await api.wait_for(chat_id="u1", count=2, timeout=60)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                out, err = proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
    first, second = api.texts("u1")
    assert "UBND xã Hợp Thành" in first and "09/12/2019" in first
    assert "Phạm Văn Lương" in second
    assert proc.returncode == 0, err
    assert api.token not in err and api.token not in out          # the token never reaches a log line
    assert "connected as bot.chidao" in err
