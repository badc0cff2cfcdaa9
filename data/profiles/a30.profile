# a30: an NVIDIA A30 (24 GiB HBM2, passively cooled by its server's
# chassis), llama.cpp's CUDA backend.  Seed 000's protocol: q4_0 KV cache,
# flash attention, every layer on the GPU, no other model server or GPU job.
name = a30
backend = CUDA
kv = q4_0
fa = 1
ngl = 99
reps = 6
depths = 0,8192,32768,65536
tests = pp512,tg128
test_timeout = 3600

# nvidia-smi must answer: memory.free (the model, its KV cache and the
# margin go to GPU memory), temperature.gpu, fan.speed (reads [N/A] on
# data-centre cards: not a failure) and the compute apps (another GPU job
# fails the processes check).
gpu = nvidia
unified = no
margin_mib = 1536

# A point starts with the GPU (and the CPU packages) below 80 C.
temp_max_c = 80
temp_sensors = coretemp,k10temp
cooldown_s = 120

# The time estimate: tokens/s times model GiB, from seed 000's A30 column
# (qwen2.5-coder-32b Q4_K_M: pp512 633, tg128 24.1 t/s; gemma-3-12b: 1590
# and 52.4 t/s).
est_pp_gib = 11000
est_tg_gib = 420
est_load_gib_s = 3
