import subprocess
import sys

HEAVY = ["torch", "transformers", "gradio", "sentence_transformers", "faiss", "peft", "bitsandbytes"]


def test_import_bot_and_knowledge_stay_light():
    code = (
        "import sys, bot, knowledge, bot.cli, bot.pipeline, knowledge.retriever, knowledge.build;"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
