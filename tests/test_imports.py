import subprocess
import sys

HEAVY = ["torch", "transformers", "gradio", "sentence_transformers", "faiss", "peft", "bitsandbytes", "onnxruntime",
         "onnx", "jieba", "pymilvus", "milvus_lite"]


def test_import_bot_and_knowledge_stay_light():
    code = (
        "import sys, bot, knowledge, bot.cli, bot.pipeline, knowledge.retriever, knowledge.build, knowledge.library,"
        "knowledge.stores, knowledge.milvus_store;"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_knowledge_imports_nothing_from_bot():
    code = (
        "import sys, knowledge, knowledge.retriever, knowledge.build, knowledge.store, knowledge.loaders;"
        "print(sorted(m for m in sys.modules if m == 'bot' or m.startswith('bot.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_answering_path_imports_nothing_from_adapters():
    code = (
        "import os, sys; os.environ['HF_HUB_OFFLINE'] = '1';"
        "from bot.respond import respond; from bot.pipeline import Pipeline; import bot.cli;"
        "respond('We have 3000 labeled examples and one 4090, what should we do?', [], rag=False);"
        "print(sorted(m for m in sys.modules if m == 'adapters' or m.startswith('adapters.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
