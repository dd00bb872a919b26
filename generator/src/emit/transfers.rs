//! The upload and download methods: one call each for what the spec's `upload:` and `download:`
//! declare. They only say which operations and fields make the steps; the runtime's `upload.rs`
//! and `download.rs` run them (the storage request, the checks, the cleanup).

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::{docs, examples, rust_type};
use crate::model::{Api, Download, Endpoint, EnumDef, Literal, Repr, Step, StepArg, Ty, Upload};
use crate::runtime;

/// The path arguments of `endpoint`'s method, as parameters and as the names passed on.
fn path_params(endpoint: &Endpoint) -> (Vec<TokenStream>, Vec<TokenStream>) {
    endpoint
        .path_params
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.ident);
            let ty = rust_type::argument(&p.ty);
            (quote!(#ident: #ty), quote!(#ident))
        })
        .unzip()
}

/// Whether a value of `ty` is passed on by copying it (else it is cloned).
fn is_copy(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Enum(name) => api.enums.iter().any(|e: &EnumDef| &e.ident == name && e.repr == Repr::Integer),
        // Text arguments are borrowed `&str`, which copies.
        other => other.is_scalar(),
    }
}

/// `value`, or `value.clone()` when its type does not copy.
fn passed(api: &Api, value: TokenStream, ty: &Ty) -> TokenStream {
    if is_copy(api, ty) { value } else { quote!(#value.clone()) }
}

fn literal(value: &Literal) -> TokenStream {
    match value {
        Literal::Boolean(b) => quote!(#b),
        Literal::Integer(i) => proc_macro2::Literal::i64_unsuffixed(*i).into_token_stream(),
        Literal::Text(text) => quote!(#text),
    }
}

/// A step's call, for the new file's `id`.
fn step_call(api: &Api, step: &Step) -> TokenStream {
    let method = format_ident!("{}", step.endpoint);
    let args = step.args.iter().map(|arg| match arg {
        StepArg::Same(ident, ty) => passed(api, format_ident!("{}", ident).into_token_stream(), ty),
        StepArg::Id => quote!(id),
    });
    let body = step.body.as_ref().map(|body| {
        let ty = format_ident!("{}", body.ident);
        let required = body.required.iter().map(literal);
        let setters = body.setters.iter().map(|(setter, value)| {
            let (setter, value) = (format_ident!("{}", setter), literal(value));
            quote!(.#setter(#value))
        });
        quote!(&crate::#ty::new(#(#required),*)#(#setters)*)
    });
    let args = args.chain(body);
    quote!(self.#method(#(#args),*))
}

/// The upload method of `endpoint`.
pub fn upload_method(api: &Api, endpoint: &Endpoint, upload: &Upload) -> TokenStream {
    let ident = format_ident!("{}", upload.ident);
    let create = format_ident!("{}", endpoint.ident);
    let (params, names) = path_params(endpoint);
    let body_ty = format_ident!("{}", endpoint.body.as_ref().map_or("", |b| b.ident.as_str()));
    let answer = endpoint.response.ty.as_ref().map_or_else(|| quote!(()), rust_type::tokens);
    let output = upload.returns.as_ref().map_or_else(|| answer.clone(), |(_, ty)| rust_type::tokens(ty));
    let (id, id_ty) = (format_ident!("{}", upload.id.0), &upload.id.1);
    let id = passed(api, quote!(created.#id), id_ty);
    let form = format_ident!("{}", upload.form.0);
    let (steps, form_ty) = runtime::internal::upload_parts();
    let to_form = |form: TokenStream| quote!(#form_ty { url: #form.url.clone(), fields: #form.fields.clone() });
    let form = if upload.form.1 {
        let made = to_form(quote!(form));
        quote!(created.#form.as_ref().map(|form| #made))
    } else {
        let made = to_form(quote!(created.#form));
        quote!(Some(#made))
    };
    let size = format_ident!("{}", upload.size.0);
    // A body that leaves the size out declares the file's length.
    let (declared, fill) = if upload.size.1 {
        (quote!(Some(body.#size)), quote!())
    } else {
        let fill = quote!(let body = &crate::#body_ty { #size: body.#size.or(i64::try_from(file.len()).ok()), ..body.clone() };);
        (quote!(body.#size), fill)
    };
    let limit = proc_macro2::Literal::u64_unsuffixed(upload.max_size);
    let confirm = step_call(api, &upload.confirm);
    let cancel = match &upload.cancel {
        Some(step) => {
            let call = step_call(api, step);
            quote!(|id| Some(#call))
        }
        None => quote!(|_| None::<crate::Call<'_, ()>>),
    };
    let upload_fn = runtime::internal::upload();
    let run = quote!(#upload_fn(self.#create(#(#names,)* body), file, #declared, #limit, steps).await);
    let finish = match &upload.returns {
        Some((field, _)) => {
            let field = format_ident!("{}", field);
            quote!(Ok(#run?.#field))
        }
        None => run,
    };
    let doc = docs::outer(&upload_doc(api, endpoint, upload));
    quote! {
        #doc
        pub async fn #ident(&self, #(#params,)* body: &crate::#body_ty, file: crate::Upload) -> Result<#output, crate::Error> {
            #fill
            let steps = #steps {
                parts: |created: &#answer| (#id, #form),
                confirm: |id| #confirm,
                cancel: #cancel,
            };
            #finish
        }
    }
}

fn upload_doc(api: &Api, endpoint: &Endpoint, upload: &Upload) -> String {
    let link = |ident: &str| format!("[`{ident}`](Self::{ident})");
    let returns = match &upload.returns {
        Some((field, ty)) => {
            format!("the answer's `{field}` ({}), as the server recorded it before the upload", rust_type::prose(ty))
        }
        None => format!("its answer ({})", endpoint.response.ty.as_ref().map_or_else(String::new, rust_type::prose)),
    };
    let steps = format!(
        "Uploads a file in one call: {create} registers it; the file goes to the storage URL of the \
         answer's `{form}` form, with the form's fields, streamed as it is read; {confirm} confirms the \
         upload. Returns {returns}.",
        create = link(&endpoint.ident),
        form = upload.form.0,
        confirm = link(&upload.confirm.endpoint),
    );
    let cleanup = match &upload.cancel {
        Some(cancel) => format!(
            "{} deletes the registered file again, and the error is an \
             [`Error::Upload`](crate::Error::Upload) that says which step failed and whether the deletion worked",
            link(&cancel.endpoint)
        ),
        None => "the error is an [`Error::Upload`](crate::Error::Upload) that says which step failed, and that \
                 the registered file is kept (the API has no way to delete it)"
            .to_string(),
    };
    let guarantees = format!(
        "The storage request carries none of this client's headers (no credential) and follows no \
         redirect. Before anything is sent, a body whose `{size}` is not the file's length is refused{left_out} \
         ([`Error::InvalidArgument`](crate::Error::InvalidArgument)), and so is a file over the server's \
         limit ([`Error::FileTooLarge`](crate::Error::FileTooLarge)): {max} bytes unless the client says \
         otherwise ([`ClientBuilder::max_upload_bytes`](crate::ClientBuilder::max_upload_bytes)). Should \
         a step after the first fail (the storage refusing the file, say), {cleanup}.",
        size = upload.size.0,
        max = upload.max_size,
        left_out = if upload.size.1 { "" } else { " (left out, it is set to the file's length)" },
    );
    let mut arguments: Vec<String> =
        endpoint.path_params.iter().map(|p| format!("- `{}`: {}", p.bare_ident(), docs::one_line(&p.doc))).collect();
    if let Some(body) = &endpoint.body {
        arguments.push(format!("- `body`: the file's description; see [`{0}`](crate::{0}).", body.ident));
    }
    arguments.push("- `file`: the bytes, from a file, a reader or memory; see [`Upload`](crate::Upload).".into());
    let arguments = format!("# Arguments\n\n{}", arguments.join("\n"));
    docs::paragraphs([
        steps.as_str(),
        guarantees.as_str(),
        arguments.as_str(),
        "# Errors\n\nAn [`Error`](crate::Error): a check before sending, the first step's error \
         answer, or an [`Error::Upload`](crate::Error::Upload) for a later step.",
        examples::upload_example(api, endpoint, upload).as_str(),
    ])
}

/// The download method of `endpoint`.
pub fn download_method(api: &Api, endpoint: &Endpoint, download: &Download) -> TokenStream {
    let ident = format_ident!("{}", download.ident);
    let operation = format_ident!("{}", endpoint.ident);
    let (mut params, mut names) = path_params(endpoint);
    if !endpoint.query_params.is_empty() {
        let ty = format_ident!("{}", endpoint.query_ident);
        params.push(quote!(query: &crate::#ty));
        names.push(quote!(query));
    }
    let call = quote!(self.#operation(#(#names),*));
    let run = match &download.url {
        None => {
            let download = runtime::internal::download(true);
            quote!(#download(#call).await)
        }
        Some((field, optional)) => {
            let answer = endpoint.response.ty.as_ref().map_or_else(|| quote!(()), rust_type::tokens);
            let field = format_ident!("{}", field);
            let url = if *optional { quote!(answer.#field.as_deref()) } else { quote!(Some(answer.#field.as_str())) };
            let download = runtime::internal::download(false);
            quote!(#download(#call, |answer: &#answer| #url).await)
        }
    };
    let doc = docs::outer(&download_doc(api, endpoint, download));
    quote! {
        #doc
        pub async fn #ident(&self, #(#params),*) -> Result<crate::Download, crate::Error> {
            #run
        }
    }
}

fn download_doc(api: &Api, endpoint: &Endpoint, download: &Download) -> String {
    let operation = format!("[`{0}`](Self::{0})", endpoint.ident);
    let from = match &download.url {
        None => format!("{operation} answers with a redirect to the file"),
        Some((field, _)) => format!("{operation} answers with the file's URL in `{field}`"),
    };
    let steps = format!(
        "Downloads a file in one call: {from}, and the file is fetched from there, from the storage. \
         Returns the [`Download`](crate::Download) once the storage's headers have arrived; read \
         its bytes with [`bytes`](crate::Download::bytes), [`chunk`](crate::Download::chunk) or \
         [`write_to`](crate::Download::write_to), under the client's \
         [`max_response_bytes`](crate::ClientBuilder::max_response_bytes) (or \
         [`Download::max_bytes`](crate::Download::max_bytes))."
    );
    let guarantees = "The storage request carries none of this client's headers (no credential) and follows \
        no redirect; its URL (whose query holds a signature) is never shown in errors or traces.";
    let mut arguments: Vec<String> =
        endpoint.path_params.iter().map(|p| format!("- `{}`: {}", p.bare_ident(), docs::one_line(&p.doc))).collect();
    if !endpoint.query_params.is_empty() {
        let q = &endpoint.query_ident;
        arguments.push(format!("- `query`: the query parameters; see [`{q}`](crate::{q})."));
    }
    let arguments =
        if arguments.is_empty() { String::new() } else { format!("# Arguments\n\n{}", arguments.join("\n")) };
    docs::paragraphs([
        steps.as_str(),
        guarantees,
        arguments.as_str(),
        "# Errors\n\nAn [`Error`](crate::Error): the operation's error answer, or \
         [`Error::Storage`](crate::Error::Storage) when the storage refuses or fails.",
        examples::download_example(api, endpoint, download).as_str(),
    ])
}
