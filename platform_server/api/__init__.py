"""The HTTP API: FastAPI app, dependencies, error answers, uploads and routes.

Routes parse the request, authorise it and call the domain; nothing else.
"""
