"""Generation backends: ``template`` (no model), ``transformers`` (local LM + optional adapter), ``openai``."""
