# generic: any llama.cpp host.  No backend, KV cache or fan is asked for:
# llama-bench's defaults run, and the gate checks what every machine has
# (other model servers, free memory, GPU memory where nvidia-smi or an
# amdgpu card answers, temperatures).
name = generic
reps = 6
depths = 0,8192,32768
tests = pp512,tg128
test_timeout = 3600
gpu = auto
unified = no
margin_mib = 2048
temp_max_c = 90
cooldown_s = 60

# A modest machine's speeds (tokens/s times model GiB): a desktop CPU or a
# small GPU.  The estimate is a guide, not a promise.
est_pp_gib = 400
est_tg_gib = 30
est_load_gib_s = 1
