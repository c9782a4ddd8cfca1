"""The command language shared by every adapter: text in, a core operation and its arguments out."""
