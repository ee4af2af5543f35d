"""The Gradio web app: layout (app.py), event handlers (callbacks.py) and HTML rendering (render.py)."""
