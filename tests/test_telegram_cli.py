"""`chidao run` with TELEGRAM_API_URL at the fake server answers about the bundled directives, and stops on Ctrl+C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def test_chidao_run_answers_about_the_bundled_directives(telegram_api, corpus_db, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "CHIDAO_", "ADMIN_"))}
    env.update(TELEGRAM_BOT_TOKEN=telegram_api.token, TELEGRAM_API_URL=telegram_api.url,
               CHIDAO_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "--db", str(corpus_db)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        await telegram_api.wait_for("getUpdates", timeout=30)
        telegram_api.message(77, "Phòng Tư pháp phải làm gì?")
        reply = (await telegram_api.wait_for("sendMessage", chat_id=77, timeout=15))[0]
        assert "văn bản quy phạm pháp luật" in reply.text
        telegram_api.message(77, "xa hop thanh phai lam gi")
        reply = (await telegram_api.wait_for("sendMessage", chat_id=77, count=2, timeout=15))[1]
        assert "09/12/2019" in reply.text
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    assert telegram_api.token not in out + err
