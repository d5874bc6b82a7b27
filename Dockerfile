# One image for the API and the workers; the command decides which runs.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 HF_HOME=/models/hf
WORKDIR /app

# CPU torch by default; the gpu profile's image passes TORCH_INDEX for a CUDA build.
ARG TORCH_SPEC="torch==2.13.0"
ARG TORCH_INDEX="https://download.pytorch.org/whl/cpu"
RUN pip install --index-url "$TORCH_INDEX" "$TORCH_SPEC"

COPY pyproject.toml README.md ./
COPY service ./service
COPY workers ./workers
COPY prompts ./prompts
RUN pip install -e . && useradd --create-home --uid 1000 interlinear && mkdir -p /models && chown interlinear /models
USER interlinear

EXPOSE 8000
CMD ["uvicorn", "--factory", "service.api.app:app", "--host", "0.0.0.0", "--port", "8000"]
