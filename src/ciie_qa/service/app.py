"""The FastAPI application: engine loading in the lifespan, middleware, routes, static page."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio
import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ciie_qa import __version__
from ciie_qa.config import Settings
from ciie_qa.engine import QAEngine
from ciie_qa.errors import CiieQaError
from ciie_qa.service.http_errors import install_error_handlers
from ciie_qa.service.routes import STATIC_DIR, EngineSlot, router
from ciie_qa.service.security import BodySizeLimit, SecurityHeaders

EngineFactory = Callable[[Settings], QAEngine]
_log = logging.getLogger(__name__)


def create_app(
    *,
    settings: Settings,
    engine: QAEngine | None = None,
    engine_factory: EngineFactory | None = None,
) -> FastAPI:
    """Build the service around a ready engine or a factory run once at start-up.

    With ``engine_factory`` the engine is built in a worker thread while the server already
    answers: ``/healthz`` is 200 at once, ``/readyz`` and the API are 503 until it is loaded.

    Raises:
        TypeError: not exactly one of ``engine`` and ``engine_factory`` was given.
    """
    if (engine is None) == (engine_factory is None):
        raise TypeError("create_app needs exactly one of engine= and engine_factory=")
    app = FastAPI(
        title="ciie-qa",
        version=__version__,
        lifespan=_lifespan(settings, engine_factory),
        # The interactive docs pull scripts from a CDN, which the page's CSP forbids.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine_slot = EngineSlot(engine=engine)
    app.state.created = int(time.time())
    install_error_handlers(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so 413s get the headers too
    return app


def _lifespan(
    settings: Settings, factory: EngineFactory | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        slot: EngineSlot = app.state.engine_slot
        async with anyio.create_task_group() as tasks:
            if factory is not None and slot.engine is None:
                tasks.start_soon(_load_engine, slot, factory, settings)
            yield
            tasks.cancel_scope.cancel()

    return lifespan


async def _load_engine(slot: EngineSlot, factory: EngineFactory, settings: Settings) -> None:
    """Run the factory off the event loop; record a failure instead of crashing the server."""
    started = time.perf_counter()
    try:
        slot.engine = await anyio.to_thread.run_sync(factory, settings, abandon_on_cancel=True)
    except CiieQaError as exc:
        _log.error("the engine could not be loaded: %s", exc)
        slot.error = f"the engine could not be loaded: {exc}"
        return
    except Exception:  # any bug in loading must leave /readyz able to say so
        _log.exception("the engine factory failed")
        slot.error = "the engine could not be loaded; see the server log"
        return
    _log.info("engine ready in %.1f s", time.perf_counter() - started)


def serve(settings: Settings, engine_factory: EngineFactory) -> None:
    """Run the service with uvicorn on ``settings.host:settings.port`` until interrupted."""
    import uvicorn

    app = create_app(settings=settings, engine_factory=engine_factory)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
