import pytest

from bot.errors import ConfigError
from bot.settings import Settings, load_settings


def test_precedence_defaults_toml_env_flags(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text('top_k = 7\nchunk_size = 400\nbackend = "openai"\n', encoding="utf-8")
    s = load_settings(toml, env={"ADVISOR_TOP_K": "9"}, chunk_size=None, backend="template")
    assert s.top_k == 9  # env beats TOML
    assert s.chunk_size == 400  # TOML beats default; a None flag changes nothing
    assert s.backend == "template"  # flag beats TOML
    assert load_settings(env={}).top_k == Settings().top_k


def test_bad_values_name_the_value(tmp_path):
    with pytest.raises(ConfigError, match="chunk_overlap \\(500\\)"):
        load_settings(env={"ADVISOR_CHUNK_OVERLAP": "500"})
    with pytest.raises(ConfigError, match="'nope'"):
        load_settings(env={"ADVISOR_BACKEND": "nope"})
    with pytest.raises(ConfigError, match="cannot read 'many'"):
        load_settings(env={"ADVISOR_TOP_K": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("top_k = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})
    unknown = tmp_path / "u.toml"
    unknown.write_text("colour = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(unknown, env={})


def test_settings_are_frozen():
    s = Settings()
    with pytest.raises(AttributeError):
        s.top_k = 3  # type: ignore[misc]
    assert s.index_path.name == "index"


def test_store_settings_from_env_and_checked():
    s = load_settings(env={"ADVISOR_STORE": "milvus", "ADVISOR_MILVUS_URI": "http://10.0.0.5:19530",
                           "ADVISOR_MILVUS_COLLECTION": "team_docs"})
    assert (s.store, s.milvus_uri, s.milvus_collection) == ("milvus", "http://10.0.0.5:19530", "team_docs")
    assert load_settings(env={}).store == "faiss" and s.library_dir.name == "library"
    with pytest.raises(ConfigError, match="store must be 'faiss' or 'milvus', got 'chroma'"):
        load_settings(env={"ADVISOR_STORE": "chroma"})
    with pytest.raises(ConfigError, match="milvus_collection .* got 'bad-name'"):
        load_settings(env={"ADVISOR_MILVUS_COLLECTION": "bad-name"})
